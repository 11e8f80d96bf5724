import { describe } from "vitest";
import { loader as pageLoader, action as pageAction } from "#app/routes/initiatives.$slug._index.tsx";
import { loader as editLoader } from "#app/routes/initiatives.$slug.edit.tsx";
import type { InitiativeStatus } from "#app/features/initiatives/taxonomy.ts";
import { callRoute } from "./call-route.ts";
import { INITIATIVE_ROLES, makeInitiativeWorld, type InitiativeRole } from "./initiative-world.ts";
import { expectFor as expectForRoles, runPermissionMatrix, type MatrixRow, type Outcome } from "./permission-matrix.ts";

type World = ReturnType<typeof makeInitiativeWorld>;
type Row = MatrixRow<InitiativeRole, World, InitiativeStatus>;
const expectFor = (rest: Outcome, overrides: Partial<Record<InitiativeRole, Outcome>>) =>
  expectForRoles(INITIATIVE_ROLES, rest, overrides);
const BASE = "http://localhost:3000";

const get = (handler: Parameters<typeof callRoute>[0], suffix = "") => (w: World, cookie: string | undefined) =>
  callRoute((args) => handler({ ...args, params: { slug: w.initiative.slug } }), { url: `${BASE}/initiatives/${w.initiative.slug}${suffix}`, cookie });
const post = (form: (w: World) => Record<string, string>) => (w: World, cookie: string | undefined) =>
  callRoute((args) => pageAction({ ...args, params: { slug: w.initiative.slug } }), {
    url: `${BASE}/initiatives/${w.initiative.slug}`,
    method: "POST",
    cookie,
    form: form(w),
  });

const rows: Row[] = [
  { action: "view", state: "open", call: get(pageLoader), expect: expectFor("ok", {}) },
  {
    action: "view a draft",
    state: "draft",
    call: get(pageLoader),
    // Drafts exist only for the lead organisation's team.
    expect: expectFor(404, { leadMember: "ok", leadEditor: "ok", leadOwner: "ok" }),
  },
  {
    action: "open the edit page",
    state: "open",
    call: get(editLoader, "/edit"),
    expect: expectFor(403, { anonymous: "login", leadMember: "ok", leadEditor: "ok", leadOwner: "ok" }),
  },
  {
    action: "change the status",
    state: "open",
    call: post(() => ({ intent: "status", status: "in_progress" })),
    expect: expectFor(403, { anonymous: "login", leadEditor: "ok", leadOwner: "ok" }),
  },
  {
    action: "make an illegal status change",
    state: "completed",
    call: post(() => ({ intent: "status", status: "open" })),
    expect: expectFor(403, { anonymous: "login", leadEditor: 409, leadOwner: 409 }),
  },
  {
    action: "ask to join",
    state: "open",
    call: post((w) => ({ intent: "join", organisationId: String(w.otherOrg.id), role: "supporter", message: "Queremos sumar" })),
    // Only someone who can act for an uninvolved approved organisation may ask.
    expect: expectFor(403, { anonymous: "login", otherOrgMember: "ok" }),
  },
  {
    action: "invite an organisation",
    state: "open",
    call: post((w) => ({ intent: "invite", organisation: w.otherOrg.name, role: "funder", message: "" })),
    expect: expectFor(403, { anonymous: "login", leadEditor: "ok", leadOwner: "ok" }),
  },
  {
    action: "post a progress update",
    state: "in_progress",
    call: post((w) => ({ intent: "update", organisationId: String(w.lead.id), reportedOn: "2026-05-01", body: "Avance del mes", jobs_created: "2" })),
    // The partner may post, but only as its own organisation: acting as the lead is refused.
    expect: expectFor(403, { anonymous: "login", leadMember: "ok", leadEditor: "ok", leadOwner: "ok" }),
  },
  {
    action: "post a progress update as the partner",
    state: "in_progress",
    call: post((w) => ({ intent: "update", organisationId: String(w.partnerOrg.id), reportedOn: "2026-05-01", body: "Avance del socio" })),
    expect: expectFor(403, { anonymous: "login", partner: "ok" }),
  },
  {
    action: "follow",
    state: "open",
    call: post(() => ({ intent: "follow" })),
    expect: expectFor("ok", { anonymous: "login" }),
  },
  {
    action: "follow a draft",
    state: "draft",
    call: post(() => ({ intent: "follow" })),
    expect: expectFor(404, { anonymous: "login", leadMember: 403, leadEditor: 403, leadOwner: 403 }),
  },
];

describe("initiatives: who may do what", () => {
  runPermissionMatrix(INITIATIVE_ROLES, (state) => makeInitiativeWorld(state ?? "open"), rows);
});
