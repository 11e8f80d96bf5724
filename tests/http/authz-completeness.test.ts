import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { enumerateActions } from "./authz/enumerate.ts";
import { recordFigures } from "./figures.ts";
import { coreRows } from "./authz/core.rows.ts";
import { actionKeyText, ROLES, type ActionKey } from "./authz/types.ts";

// The authorisation matrix covers every mutating action: the actions enumerated from the route
// modules (enumerate.ts) must be exactly the union of what the rows files tests/http/authz/*.rows.ts
// cover. A new action, or a new intent of an old one, fails here until it has rows; a row for an
// action that no longer exists fails too.

const rowsFiles = import.meta.glob<{ covered: ActionKey[] }>("./authz/*.rows.ts", { eager: true });
const enumerated = enumerateActions();
const enumeratedText = new Set(enumerated.map(actionKeyText));
const coveredBy = new Map<string, string[]>();
for (const [file, module] of Object.entries(rowsFiles)) {
  for (const key of module.covered) coveredBy.set(actionKeyText(key), [...(coveredBy.get(actionKeyText(key)) ?? []), path.basename(file)]);
}
const missing = [...enumeratedText].filter((key) => !coveredBy.has(key));
const stale = [...coveredBy.keys()].filter((key) => !enumeratedText.has(key));
/** Areas with rows files of their own (discussions, exchange: authz2's rows file). */
const isCoreArea = (key: string) => !/^(discussions|exchange)[.[]/.test(key);

afterAll(() => {
  const suite = "Authorisation matrix: completeness";
  recordFigures("authorisation-completeness", [
    { suite, measure: "mutating actions enumerated from the route modules (route × intent)", value: enumerated.length, target: "—", met: true, note: `${new Set(enumerated.map((k) => k.route)).size} routes` },
    { suite, measure: "actions with matrix rows", value: enumerated.length - missing.length, target: `${enumerated.length} (all)`, met: missing.length === 0 },
    { suite, measure: "rows for actions that no longer exist", value: stale.length, target: "0", met: stale.length === 0 },
  ]);
});

describe("every mutating action has matrix rows", () => {
  test("each action of the core areas (all but discussions and the exchange) is covered", () => {
    expect(missing.filter(isCoreArea)).toEqual([]);
  });

  test("each action of every area is covered", () => {
    expect(missing).toEqual([]);
  });

  test("no rows file covers an action the routes no longer have", () => {
    expect(stale).toEqual([]);
  });

  test("each core action is tried by each of the nine roles (on its own or someone else's resource)", () => {
    const roles = new Map<string, Set<string>>();
    for (const row of Object.values(coreRows).flat()) {
      const key = actionKeyText(row.key);
      roles.set(key, new Set([...(roles.get(key) ?? []), ...Object.keys(row.expect)]));
    }
    const lacking = [...roles].filter(([, tried]) => tried.size !== ROLES.length).map(([key, tried]) => [key, ROLES.filter((role) => !tried.has(role))]);
    expect(lacking).toEqual([]);
  });

  test("each action is covered by one rows file only", () => {
    expect([...coveredBy].filter(([, files]) => new Set(files).size > 1)).toEqual([]);
  });
});

describe("the enumeration", () => {
  const intentsOf = (route: string) => enumerated.filter((key) => key.route === route).map((key) => key.intent);

  test("finds the intents however the route writes them", () => {
    // `intent === "x"` in ifs, buttons, and a form without intent that falls through to a save.
    expect(intentsOf("account._index")).toEqual([null, "profile", "resend-verification"]);
    // `value={cond ? "undo" : "check-in"}` and a comparison assigned to a variable.
    expect(intentsOf("events.$slug.attendees")).toEqual(["check-in", "undo"]);
    // The agenda's intents, and the event's own form (and the cover upload) without one.
    expect(intentsOf("events.$slug.edit")).toEqual([null, "add-session", "delete-session"]);
    // `switch (intent)` with `case "x":`, and `intent="join"` props on a form component; the
    // default answers 400, so no intent-less key.
    expect(intentsOf("initiatives.$slug._index")).toEqual(["follow", "invite", "join", "leave", "respond", "status", "unfollow", "update"]);
    // `z.enum([...]).catch(...)` in the route's schema.
    expect(intentsOf("notifications")).toEqual(["mark-one", "mark-read", "seen"]);
    // A z.discriminatedUnion of z.literal intents in a feature's schema, reached through a helper
    // imported from the feature's index.
    expect(intentsOf("coordination.organisations")).toEqual(["approve", "reinstate", "reject", "suspend"]);
    expect(intentsOf("organisations.$slug._index")).toEqual(["approve", "reinstate", "reject", "suspend"]);
    // A const array with `.includes(intent)` and `intent="x"` props on a local component.
    expect(intentsOf("exchange.$id._index")).toEqual(["close", "matched", "publish", "renew"]);
    // `intent in OBJECT` with the object's keys, besides ifs and a switch.
    expect(intentsOf("discussions.threads.$id")).toEqual(expect.arrayContaining(["hide-thread", "lock", "pin", "restore-thread", "unlock", "unpin", "reply", "move"]));
    // A photo upload (multipart, read before any intent) besides the listing form's intents.
    expect(intentsOf("exchange.$id.edit")).toEqual([null, "draft", "publish", "remove-photo", "save"]);
    // Routes without intents, the API's 405 writes among them.
    expect(intentsOf("organisations.$slug.edit")).toEqual([null]);
    expect(intentsOf("api.v1.events_.$slug")).toEqual([null]);
    // Pages without an action are not actions.
    expect(intentsOf("organisations._index")).toEqual([]);
    expect(intentsOf("coordination.data-requests")).toEqual([]);
  });

  test("lists exactly the routes the build says have an action", () => {
    const built = fs.readFileSync("build/server/index.js", "utf8");
    const withAction = [...built.matchAll(/"routes\/([^"]+)": \{ "id": "routes\/\1", [^}]*?"hasAction": true/g)].map((m) => m[1]!);
    expect(withAction.length).toBeGreaterThan(0);
    expect([...new Set(enumerated.map((key) => key.route))].sort()).toEqual([...new Set(withAction)].sort());
  });

  test("follows the rules in its docstring, on made-up route modules", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "routes-"));
    try {
      const write = (name: string, source: string) => fs.writeFileSync(path.join(dir, name), source);
      write("helpers.ts", `
        export const KINDS = ["alpha", "beta"] as const;
        export const TABLE = { gamma: 1, "delta-x": 2 };
        export function handle(form: FormData) { const what = form.get("intent"); if (what === "epsilon") return 1; return 0; }
        export function Widget() { return <button name="intent" value="not-reached" />; }
      `);
      write("a.tsx", `
        import { KINDS, TABLE, handle, Widget } from "./helpers.ts";
        export async function action({ request }) {
          const form = await request.formData();
          const intent = String(form.get("intent") ?? "");
          if ((KINDS as readonly string[]).includes(intent)) return 1;
          if (intent in TABLE) return 2;
          handle(form);
          return new Response(null, { status: 400 });
        }
        export default function Page() {
          return <>
            <Widget />
            <Form method="post"><button name="intent" value={on ? "zeta" : "eta"} /></Form>
            <Form method="post" action="/logout"><button name="intent" value="elsewhere" /></Form>
            <Thing intent="theta" />
          </>;
        }
      `);
      write("b.ts", `export const loader = () => null;`);
      write("c.ts", `
        import { z } from "zod";
        const Schema = z.object({ intent: z.enum(["one", "two"]).default("one") });
        export const action = wrap(async ({ request }) => { const { intent } = Schema.parse(request); if (intent === "two") return 2; return 1; });
      `);
      write("d.tsx", `
        export async function action({ request }) {
          const form = await request.formData();
          if (form.get("intent") === "remove") return 1;
          return save(form);
        }
      `);
      write("e.ts", `export { handler as action }; function handler() { return null; }`);
      write("f.tsx", `
        export async function action({ request }) {
          if (isMultipart(request)) return savePhoto(await readImageUpload(request, "photo"));
          const form = await request.formData();
          if (form.get("intent") === "remove-photo") return 1;
          return data({ error: "x" }, { status: 400 });
        }
      `);
      expect(enumerateActions(dir)).toEqual([
        ...["alpha", "beta", "delta-x", "epsilon", "eta", "gamma", "theta", "zeta"].map((intent) => ({ route: "a", intent })),
        // A schema decides what a missing intent means: no intent-less key.
        { route: "c", intent: "one" },
        { route: "c", intent: "two" },
        // Without a known intent it falls through to a save.
        { route: "d", intent: null },
        { route: "d", intent: "remove" },
        { route: "e", intent: null },
        // An upload takes no intent; without one the form is refused.
        { route: "f", intent: null },
        { route: "f", intent: "remove-photo" },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
