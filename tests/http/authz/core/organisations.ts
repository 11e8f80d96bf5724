// The matrix rows of organisations: applying, the profile and logo, the Pact, the team, invitations,
// and the coordinators' decisions (on the review queue and on an organisation's page).
import { and, eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { createInvitation, signPact } from "#app/.server/organisations/index.ts";
import type { OrganisationStatus } from "#app/features/organisations/taxonomy.ts";
import { addMember, makeOrganisation } from "#tests/integration/world.ts";
import { homeOf, makeStranger, personOf, strangerOrganisation, type Actor } from "../actors.ts";
import { all, attempt, home, type Expectation, type Row } from "../matrix.ts";
import type { Role } from "../types.ts";
import { freshEmail, organisationForm, organisationRow, ownerIdOf, pngFile, unique, whileApproved } from "./state.ts";

type Organisation = ReturnType<typeof organisationRow>;
const staffOnly = all("deny", { coordinator: "allow", admin: "allow" });

/** The organisation a row acts on: the actor's own (for "own") or a fresh stranger's (for "other"). */
const target = (actor: Actor, resource: "own" | "other", status: OrganisationStatus = "approved") =>
  resource === "own" ? homeOf(actor) : strangerOrganisation(status);

const signatures = (organisationId: number) =>
  db
    .select({ id: schema.pactSignatures.id, withdrawnAt: schema.pactSignatures.withdrawnAt, recordedBy: schema.pactSignatures.recordedBy })
    .from(schema.pactSignatures)
    .where(eq(schema.pactSignatures.organisationId, organisationId))
    .all();
const membership = (organisationId: number, userId: number) =>
  db
    .select({ role: schema.organisationMembers.role })
    .from(schema.organisationMembers)
    .where(and(eq(schema.organisationMembers.organisationId, organisationId), eq(schema.organisationMembers.userId, userId)))
    .get()?.role ?? "none";

/** The profile form of an organisation with a new name (its RUC kept). */
const profileEdit = (organisation: Organisation) => organisationForm({ name: unique("Nombre Editado"), ruc: organisation.ruc ?? "" });

/**
 * Own and other rows of an organisation-scoped action. `own` gives the expectations of the roles with
 * an organisation of their own (suspendedOrgOwner's is suspended); on someone else's organisation
 * everyone is refused.
 */
function ownAndOther(
  base: Omit<Row, "resource" | "expect" | "prepare">,
  own: Parameters<typeof home>[0],
  prepare: (actor: Actor, organisation: Organisation, resource: "own" | "other") => ReturnType<Row["prepare"]>,
): Row[] {
  return [
    { ...base, resource: "own", expect: home(own), prepare: (actor) => prepare(actor, target(actor, "own"), "own") },
    { ...base, resource: "other", expect: all("deny"), prepare: (actor) => prepare(actor, target(actor, "other"), "other") },
  ];
}

/** The organisation in the status a coordinator's decision applies to, owned by a stranger or with the actor in it. */
function decisionTarget(actor: Actor, resource: "own" | "other", status: OrganisationStatus) {
  if (resource === "other") return strangerOrganisation(status);
  // suspendedOrgOwner's own organisation is the suspended one, whatever the decision.
  if (actor.role === "suspendedOrgOwner") return homeOf(actor);
  const person = personOf(actor);
  if (actor.role === "owner") return makeOrganisation(person, status);
  const organisation = strangerOrganisation(status);
  addMember(organisation.id, person, actor.role === "editor" ? "editor" : "member");
  return organisation;
}

const DECISIONS: Array<{ intent: "approve" | "reject" | "suspend" | "reinstate"; status: OrganisationStatus; after: OrganisationStatus; reason?: boolean }> = [
  { intent: "approve", status: "pending", after: "approved" },
  { intent: "reject", status: "pending", after: "rejected", reason: true },
  { intent: "suspend", status: "approved", after: "suspended", reason: true },
  { intent: "reinstate", status: "suspended", after: "approved" },
];

function decisionRows(route: "coordination.organisations" | "organisations.$slug._index"): Row[] {
  return DECISIONS.flatMap(({ intent, status, after, reason }) =>
    (["own", "other"] as const).map(
      (resource): Row => ({
        key: { route, intent },
        resource,
        what: `${intent} an organisation (${status})${route === "coordination.organisations" ? " from the review queue" : " on its page"}`,
        // Only coordinators and admins decide, and never on the say of the organisation's own team.
        expect: resource === "own" ? home({}) : staffOnly,
        prepare: (actor) => {
          const organisation = decisionTarget(actor, resource, status);
          return attempt({
            path: route === "coordination.organisations" ? "/coordination/organisations" : `/organisations/${organisation.slug}?index`,
            form: { intent, organisationId: String(organisation.id), ...(reason ? { reason: "Datos incompletos del RUC" } : {}) },
            observe: () => organisationRow(organisation.id).status,
            done: (_b, now) => now === after,
          });
        },
      }),
    ),
  );
}

const pactForm = (intent?: string) => ({ ...(intent ? { intent } : {}), signerName: "Ana Quispe", signerPosition: "Gerenta general", confirm: "on" });

/** A fresh member of the organisation (for changing roles and removing). */
function freshMember(organisationId: number) {
  const person = makeStranger();
  addMember(organisationId, person, "member");
  return person;
}

const teamRows = (intent: "change-role" | "remove"): Row[] => [
  ...ownAndOther({ key: { route: "organisations.$slug.team", intent }, what: intent === "remove" ? "remove a member" : "make a member an editor" }, { owner: "allow" }, (_actor, organisation) => {
    const member = freshMember(organisation.id);
    return attempt({
      path: `/organisations/${organisation.slug}/team`,
      form: { intent, userId: String(member.user.id), ...(intent === "change-role" ? { role: "editor" } : {}) },
      observe: () => membership(organisation.id, member.user.id),
      done: (_b, now) => now === (intent === "remove" ? "none" : "editor"),
    });
  }),
  {
    key: { route: "organisations.$slug.team", intent },
    resource: "other",
    what: `${intent === "remove" ? "remove" : "change the role of"} a member of another organisation through one's own team page`,
    expect: home({}),
    prepare: (actor) => {
      const own = homeOf(actor);
      const elsewhere = strangerOrganisation();
      const member = freshMember(elsewhere.id);
      return attempt({
        path: `/organisations/${own.slug}/team`,
        form: { intent, userId: String(member.user.id), ...(intent === "change-role" ? { role: "editor" } : {}) },
        observe: () => membership(elsewhere.id, member.user.id),
      });
    },
  },
];

/** Whoever opens an invitation link while signed in joins (the link went to the invited address). */
const invitationExpect: Partial<Record<Role, Expectation>> = all("allow", { anonymous: "deny" });

export const organisationRows: Row[] = [
  {
    key: { route: "organisations.new", intent: null },
    resource: "none",
    what: "apply to join the alliance with an organisation",
    expect: all("allow", { anonymous: "deny" }),
    prepare: () => {
      const form = organisationForm();
      return attempt({
        path: "/organisations/new",
        form,
        observe: () => db.select({ status: schema.organisations.status }).from(schema.organisations).where(eq(schema.organisations.name, form.name)).all(),
        done: (_b, after) => after.length === 1 && after[0]?.status === "pending",
      });
    },
  },
  ...ownAndOther({ key: { route: "organisations.$slug.edit", intent: null }, what: "save the profile" }, { owner: "allow", editor: "allow" }, (_actor, organisation) => {
    const form = profileEdit(organisation);
    return attempt({ path: `/organisations/${organisation.slug}/edit`, form, observe: () => organisationRow(organisation.id).name, done: (_b, now) => now === form.name });
  }),
  ...ownAndOther({ key: { route: "organisations.$slug.edit", intent: null }, what: "upload the logo" }, { owner: "allow", editor: "allow" }, async (_actor, organisation) => {
    const form = new FormData();
    form.set("logo", await pngFile());
    return attempt({
      path: `/organisations/${organisation.slug}/edit`,
      form,
      observe: () => db.select({ hash: schema.organisationLogos.hash }).from(schema.organisationLogos).where(eq(schema.organisationLogos.organisationId, organisation.id)).get() ?? null,
      done: (_b, now) => now !== null,
    });
  }),
  ...(["sign", null] as const).flatMap((intent) =>
    ownAndOther({ key: { route: "organisations.$slug.pact", intent }, what: intent ? "sign the Pact" : "sign the Pact (no intent)" }, { owner: "allow" }, (_actor, organisation) =>attempt({
      path: `/organisations/${organisation.slug}/pact`,
      form: pactForm(intent ?? undefined),
      observe: () => signatures(organisation.id),
      done: (_b, now) => now.length === 1 && now[0]?.withdrawnAt === null,
    })),
  ),
  ...ownAndOther({ key: { route: "organisations.$slug.pact", intent: "withdraw" }, what: "withdraw the Pact signature" }, { owner: "allow" }, (_actor, organisation) => {
    whileApproved(organisation.id, () => signPact(organisation.id, ownerIdOf(organisation.id), { signerName: "Ana Quispe", signerPosition: "Gerenta" }));
    return attempt({
      path: `/organisations/${organisation.slug}/pact`,
      form: { intent: "withdraw" },
      observe: () => signatures(organisation.id),
      done: (_b, now) => now.length === 1 && now[0]?.withdrawnAt !== null,
    });
  }),
  ...ownAndOther({ key: { route: "organisations.$slug.team", intent: "invite" }, what: "invite a colleague" }, { owner: "allow" }, (_actor, organisation) => {
    const email = freshEmail();
    return attempt({
      path: `/organisations/${organisation.slug}/team`,
      form: { intent: "invite", email, role: "member" },
      observe: () =>
        db
          .select({ id: schema.organisationInvitations.id })
          .from(schema.organisationInvitations)
          .where(and(eq(schema.organisationInvitations.organisationId, organisation.id), eq(schema.organisationInvitations.email, email)))
          .all().length,
      done: (_b, now) => now === 1,
    });
  }),
  ...teamRows("change-role"),
  ...teamRows("remove"),
  ...decisionRows("coordination.organisations"),
  ...decisionRows("organisations.$slug._index"),
  {
    key: { route: "organisations.$slug._index", intent: "suspend" },
    resource: "other",
    what: "suspend another organisation than the page's (its id posted on this one's page)",
    // The page's form acts on the page's organisation only, for coordinators too (400).
    expect: all("deny"),
    prepare: () => {
      const page = strangerOrganisation();
      const elsewhere = strangerOrganisation();
      return attempt({
        path: `/organisations/${page.slug}?index`,
        form: { intent: "suspend", organisationId: String(elsewhere.id), reason: "Datos incompletos del RUC" },
        observe: () => [organisationRow(page.id).status, organisationRow(elsewhere.id).status],
      });
    },
  },
  ...(["own", "other"] as const).map(
    (resource): Row => ({
      key: { route: "pact", intent: null },
      resource,
      what: "record a signature of the Pact made before the platform",
      expect: resource === "own" ? home({}) : staffOnly,
      prepare: (actor) => {
        const organisation = target(actor, resource);
        return attempt({
          path: "/pact",
          form: { organisationId: String(organisation.id), signerName: "Luis Soto", signerPosition: "Presidente", signedOn: "2021-03-04" },
          observe: () => signatures(organisation.id),
          done: (_b, now) => now.length === 1 && now[0]?.recordedBy !== null,
        });
      },
    }),
  ),
  {
    key: { route: "invitations.$token", intent: null },
    resource: "own",
    what: "take up an invitation to one's address",
    expect: invitationExpect,
    prepare: (actor) => {
      const organisation = strangerOrganisation();
      const email = actor.person?.user.email ?? freshEmail();
      const invitation = createInvitation(organisation.id, ownerIdOf(organisation.id), { email, role: "member" });
      if (!invitation.ok) throw new Error("could not invite");
      return attempt({
        path: `/invitations/${encodeURIComponent(invitation.token)}`,
        observe: () => ({
          members: db.select({ userId: schema.organisationMembers.userId }).from(schema.organisationMembers).where(eq(schema.organisationMembers.organisationId, organisation.id)).all().length,
          accepted: db.select({ at: schema.organisationInvitations.acceptedAt }).from(schema.organisationInvitations).where(eq(schema.organisationInvitations.organisationId, organisation.id)).get()?.at ?? null,
        }),
        done: (before, after) => after.members === before.members + 1 && after.accepted !== null,
      });
    },
  },
  {
    key: { route: "invitations.$token", intent: null },
    resource: "other",
    what: "take up an invitation sent to another address (the link is the proof; a person may sign in with another address)",
    expect: invitationExpect,
    prepare: () => {
      const organisation = strangerOrganisation();
      const invitation = createInvitation(organisation.id, ownerIdOf(organisation.id), { email: freshEmail(), role: "editor" });
      if (!invitation.ok) throw new Error("could not invite");
      return attempt({
        path: `/invitations/${encodeURIComponent(invitation.token)}`,
        observe: () => db.select({ userId: schema.organisationMembers.userId }).from(schema.organisationMembers).where(eq(schema.organisationMembers.organisationId, organisation.id)).all().length,
        done: (before, after) => after === before + 1,
      });
    },
  },
  {
    key: { route: "invitations.$token", intent: null },
    resource: "forged",
    what: "take up a made-up invitation",
    expect: all("deny"),
    prepare: () => {
      const organisation = strangerOrganisation();
      createInvitation(organisation.id, ownerIdOf(organisation.id), { email: freshEmail(), role: "owner" });
      return attempt({
        path: "/invitations/inventado.abcdefghijklmnop",
        observe: () => db.select({ userId: schema.organisationMembers.userId }).from(schema.organisationMembers).where(eq(schema.organisationMembers.organisationId, organisation.id)).all().length,
      });
    },
  },
];
