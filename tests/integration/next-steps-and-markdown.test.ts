// Issue 8, §6: after approval an organisation is pointed to signing the Pact; the coordinators'
// review queue shows an applicant's markdown rendered (safely), never its source.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { decideApplication, recordHistoricalSignature, signPact } from "#app/.server/organisations/index.ts";
import { loader as reviewQueueLoader } from "#app/routes/coordination.organisations.tsx";
import { loader as myWorkLoader } from "#app/routes/my-work.tsx";
import { loader as organisationLoader } from "#app/routes/organisations.$slug._index.tsx";
import { callRoute } from "./call-route.ts";
import { addMember, makeOrganisation, makePerson } from "./world.ts";
import { noticesOf } from "./notices.ts";

const BASE = "http://localhost:3000";

describe("after approval, the next step is signing the Pact", () => {
  test("the approval notice and email lead the owners to the Pact page, in their language", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner, "pending", { name: "Recicladores de Arequipa" });
    const coordinator = makePerson("coordinator");
    expect((await decideApplication(organisation.id, coordinator.user.id, { decision: "approve" })).ok).toBe(true);

    const notices = noticesOf(owner.user);
    expect(notices).toEqual([
      expect.objectContaining({ type: "organisation.approved_sign_pact", link: `/organisations/${organisation.slug}/pact` }),
    ]);
    expect(notices[0]!.text).toContain("Siguiente paso: firma el Pacto Peruano por una Economía Circular en nombre de Recicladores de Arequipa.");
    const mail = db.select().from(schema.outbox).where(eq(schema.outbox.to, owner.user.email)).all().at(-1)!;
    expect(mail.text).toContain("Siguiente paso: firma el Pacto Peruano por una Economía Circular en nombre de Recicladores de Arequipa.");
    expect(mail.text).toMatch(new RegExp(`https?://[^\\s]+/organisations/${organisation.slug}/pact(\\s|$)`));
  });

  test("an organisation whose signature was already recorded is not asked to sign again", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner, "pending");
    const coordinator = makePerson("coordinator");
    recordHistoricalSignature(organisation.id, coordinator.user.id, {
      signerName: "Gerencia general",
      signerPosition: "Gerente",
      signedAt: new Date("2021-03-04T15:00:00Z"),
    });
    expect((await decideApplication(organisation.id, coordinator.user.id, { decision: "approve" })).ok).toBe(true);
    expect(noticesOf(owner.user)).toEqual([expect.objectContaining({ type: "organisation.approved", link: `/organisations/${organisation.slug}` })]);
  });

  test("the organisation page knows, for its managers, whether the Pact is still to be signed", async () => {
    const owner = makePerson();
    const editor = makePerson();
    const organisation = makeOrganisation(owner);
    addMember(organisation.id, editor, "editor");
    const page = async (cookie: string) =>
      (await callRoute((args) => organisationLoader({ ...args, params: { slug: organisation.slug } }), {
        url: `${BASE}/organisations/${organisation.slug}`,
        cookie,
      })) as { status: number; data: { pactSignedAt: number | null; permissions: { signPact: boolean; edit: boolean } } };
    const before = await page(owner.cookie);
    expect(before.data).toMatchObject({ pactSignedAt: null, permissions: { signPact: true, edit: true } });
    expect((await page(editor.cookie)).data).toMatchObject({ pactSignedAt: null, permissions: { signPact: false, edit: true } });
    signPact(organisation.id, owner.user.id, { signerName: "Gerencia", signerPosition: "Gerente" });
    expect((await page(owner.cookie)).data.pactSignedAt).toEqual(expect.any(Number));
  });

  test("«Mi trabajo» lists the Pact as pending for the members of an approved, unsigned organisation", async () => {
    const owner = makePerson();
    const editor = makePerson();
    const organisation = makeOrganisation(owner, "approved", { name: "Recicladores de Tacna" });
    const pendingOne = makeOrganisation(owner, "pending", { name: "Aún en revisión" });
    addMember(organisation.id, editor, "editor");
    const awaiting = async (cookie: string) =>
      ((await callRoute(myWorkLoader, { url: `${BASE}/my-work`, cookie })).data as { awaitingPact: unknown[] }).awaitingPact;
    expect(await awaiting(owner.cookie)).toEqual([{ slug: organisation.slug, name: "Recicladores de Tacna", role: "owner" }]);
    expect(await awaiting(editor.cookie)).toEqual([{ slug: organisation.slug, name: "Recicladores de Tacna", role: "editor" }]);
    expect(pendingOne.slug).not.toBe(organisation.slug);
    signPact(organisation.id, owner.user.id, { signerName: "Gerencia", signerPosition: "Gerente" });
    expect(await awaiting(owner.cookie)).toEqual([]);
    expect(await awaiting(editor.cookie)).toEqual([]);
  });
});

describe("the review queue renders the applicant's markdown", () => {
  test("lists, emphasis and links are rendered; raw HTML and unsafe links are not", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner, "pending", {
      description: [
        "Recolectores de castaña que aprovechan la cáscara como **biomasa**.",
        "",
        "- Acopio en *Tambopata*",
        "- Secado solar",
        "",
        "[web](https://castana.example.pe) [malo](javascript:alert(1)) <script>alert(1)</script>",
      ].join("\n"),
    });
    const coordinator = makePerson("coordinator");
    const res = await callRoute(reviewQueueLoader, { url: `${BASE}/coordination/organisations`, cookie: coordinator.cookie });
    expect(res.status).toBe(200);
    const queue = (res.data as { queue: Array<Record<string, unknown>> }).queue;
    const row = queue.find((r) => r.id === organisation.id)!;
    expect(row).not.toHaveProperty("description");
    const html = row.descriptionHtml as string;
    expect(html).toContain("<strong>biomasa</strong>");
    expect(html).toMatch(/<ul>\s*<li>Acopio en <em>Tambopata<\/em><\/li>\s*<li>Secado solar<\/li>\s*<\/ul>/);
    expect(html).toContain('<a href="https://castana.example.pe" rel="nofollow noopener noreferrer">web</a>');
    expect(html).not.toContain("**");
    expect(html).not.toContain("<script>");
    expect(html).not.toMatch(/href="javascript:/i);
  });
});
