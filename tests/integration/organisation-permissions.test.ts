import { describe } from "vitest";
import { loader as profileLoader, action as profileAction } from "#app/routes/organisations.$slug._index.tsx";
import { loader as editLoader, action as editAction } from "#app/routes/organisations.$slug.edit.tsx";
import { loader as teamLoader, action as teamAction } from "#app/routes/organisations.$slug.team.tsx";
import { loader as pactLoader, action as pactAction } from "#app/routes/organisations.$slug.pact.tsx";
import { loader as logoLoader } from "#app/routes/organisations.$slug.logo.ts";
import { loader as queueLoader } from "#app/routes/coordination.organisations.tsx";
import { action as recordAction } from "#app/routes/pact.tsx";
import { loader as newLoader } from "#app/routes/organisations.new.tsx";
import { makeOrganisationProfile } from "#tests/factories/organisations.ts";
import { callRoute } from "./call-route.ts";
import { expectFor as expectForRoles, runPermissionMatrix, type MatrixRow as Row, type Outcome } from "./permission-matrix.ts";
import { makeWorld, ROLES, type Role } from "./world.ts";
import type { OrganisationStatus } from "#app/features/organisations/taxonomy.ts";

const BASE = "http://localhost:3000";
type World = ReturnType<typeof makeWorld>;
type MatrixRow = Row<Role, World, OrganisationStatus> & { status?: OrganisationStatus };
const expectFor = (rest: Outcome, overrides: Partial<Record<Role, Outcome>>) => expectForRoles(ROLES, rest, overrides);
const page = (handler: Parameters<typeof callRoute>[0], path: (w: World) => string) =>
  (w: World, cookie: string | undefined) => {
    const url = `${BASE}${path(w)}`;
    return callRoute((args) => handler({ ...args, params: { slug: w.organisation.slug } }), { url, cookie });
  };
const post = (
  handler: Parameters<typeof callRoute>[0],
  path: (w: World) => string,
  form: (w: World) => Record<string, string>,
) =>
  (w: World, cookie: string | undefined) =>
    callRoute((args) => handler({ ...args, params: { slug: w.organisation.slug } }), {
      url: `${BASE}${path(w)}`,
      method: "POST",
      cookie,
      form: form(w),
    });

const profilePath = (w: World) => `/organisations/${w.organisation.slug}`;
const editProfileForm = (w: World) => {
  const p = makeOrganisationProfile({ name: `${w.organisation.name} editada`, ruc: w.organisation.ruc ?? undefined });
  return {
    name: p.name,
    ruc: p.ruc!,
    actorType: p.actorType,
    hqRegion: p.hqRegion,
    roadmaps: "agriculture",
    description: "Editada en una prueba",
  };
};

// Action × role × state → outcome. Later features add rows to tables like this one.
const rows: MatrixRow[] = [
  { action: "view profile", call: page(profileLoader, profilePath), expect: expectFor("ok", {}) },
  {
    action: "view profile",
    status: "pending",
    call: page(profileLoader, profilePath),
    expect: expectFor("ok", { anonymous: 404, otherOrgMember: 404 }),
  },
  {
    action: "view profile",
    status: "suspended",
    call: page(profileLoader, profilePath),
    expect: expectFor("ok", { anonymous: 404, otherOrgMember: 404 }),
  },
  {
    action: "view profile",
    status: "rejected",
    call: page(profileLoader, profilePath),
    expect: expectFor("ok", { anonymous: 404, otherOrgMember: 404 }),
  },
  {
    action: "open the edit page",
    call: page(editLoader, (w) => `${profilePath(w)}/edit`),
    expect: expectFor(403, { anonymous: "login", editor: "ok", owner: "ok" }),
  },
  {
    action: "save the profile",
    call: post(editAction, (w) => `${profilePath(w)}/edit`, editProfileForm),
    expect: expectFor(403, { anonymous: "login", editor: "ok", owner: "ok" }),
  },
  {
    action: "save the profile",
    status: "suspended",
    call: post(editAction, (w) => `${profilePath(w)}/edit`, editProfileForm),
    expect: expectFor(403, { anonymous: "login", otherOrgMember: 404 }),
  },
  {
    action: "save the profile (re-apply)",
    status: "rejected",
    call: post(editAction, (w) => `${profilePath(w)}/edit`, editProfileForm),
    expect: expectFor(403, { anonymous: "login", otherOrgMember: 404, editor: "ok", owner: "ok" }),
  },
  {
    action: "open the team page",
    call: page(teamLoader, (w) => `${profilePath(w)}/team`),
    expect: expectFor(403, { anonymous: "login", owner: "ok" }),
  },
  {
    action: "invite a colleague",
    call: post(teamAction, (w) => `${profilePath(w)}/team`, () => ({ intent: "invite", email: "colega@prueba.pe", role: "member" })),
    expect: expectFor(403, { anonymous: "login", owner: "ok" }),
  },
  {
    action: "change a member's role",
    call: post(teamAction, (w) => `${profilePath(w)}/team`, (w) => ({
      intent: "change-role",
      userId: String(w.people.orgMember.user.id),
      role: "editor",
    })),
    expect: expectFor(403, { anonymous: "login", owner: "ok" }),
  },
  {
    action: "sign the Pact",
    call: post(pactAction, (w) => `${profilePath(w)}/pact`, () => ({
      intent: "sign",
      signerName: "Ana Quispe",
      signerPosition: "Gerenta general",
      confirm: "on",
    })),
    expect: expectFor(403, { anonymous: "login", owner: "ok" }),
  },
  {
    action: "open the Pact page",
    status: "pending",
    call: page(pactLoader, (w) => `${profilePath(w)}/pact`),
    expect: expectFor(403, { anonymous: "login", otherOrgMember: 404 }),
  },
  {
    action: "approve the application",
    status: "pending",
    call: post(profileAction, profilePath, (w) => ({ intent: "approve", organisationId: String(w.organisation.id) })),
    expect: expectFor(403, { anonymous: "login", otherOrgMember: 404, coordinator: "ok", admin: "ok" }),
  },
  {
    action: "suspend",
    call: post(profileAction, profilePath, (w) => ({
      intent: "suspend",
      organisationId: String(w.organisation.id),
      reason: "Incumple las normas",
    })),
    expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }),
  },
  {
    action: "open the review queue",
    call: page(queueLoader, () => "/coordination/organisations"),
    expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }),
  },
  {
    action: "record a historical signature",
    call: (w, cookie) =>
      callRoute(recordAction, {
        url: `${BASE}/pact`,
        method: "POST",
        cookie,
        form: { organisationId: String(w.organisation.id), signerName: "Luis Soto", signerPosition: "Presidente", signedOn: "2021-03-04" },
      }),
    expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }),
  },
  {
    action: "open the application form",
    call: page(newLoader, () => "/organisations/new"),
    expect: expectFor("ok", { anonymous: "login" }),
  },
  {
    action: "get the logo of a hidden organisation",
    status: "pending",
    call: page(logoLoader, (w) => `${profilePath(w)}/logo`),
    // No logo was uploaded: those who may see the organisation get 404 for the image itself.
    expect: expectFor(404, {}),
  },
];

describe("organisations: who may do what", () => {
  runPermissionMatrix(
    ROLES,
    (state) => makeWorld(state ?? "approved"),
    rows.map((row) => ({ ...row, state: row.status })),
  );
});
