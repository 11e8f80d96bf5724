// The matrix rows of initiatives: proposing and editing, the status, following, partners (asking,
// inviting, answering, leaving) and progress updates. "Own" is an initiative led by the actor's
// organisation, or the actor's organisation's own partnership; "other" someone else's.
import { eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { invitePartner, requestToJoin, respondToPartnership, setFollowing } from "#app/.server/initiatives/mutations.ts";
import { homeOf, makeStranger, strangerOrganisation, type Actor } from "../actors.ts";
import { all, attempt, home, type Expectation, type Row } from "../matrix.ts";
import type { Role } from "../types.ts";
import { initiativeLedBy, ownerIdOf, unique, whileApproved } from "./state.ts";

type Initiative = ReturnType<typeof initiativeLedBy>;
type Organisation = ReturnType<typeof strangerOrganisation>;

/** Who acts for an approved organisation: its member, editor and owner (a suspended one's team cannot). */
const teamOfApproved = home({ orgMember: "allow", editor: "allow", owner: "allow" });
const managersOfApproved = home({ editor: "allow", owner: "allow" });

const initiativeRow = (id: number) => db.select().from(schema.initiatives).where(eq(schema.initiatives.id, id)).get()!;
const partnersOf = (initiativeId: number) =>
  db
    .select({ id: schema.initiativePartners.id, organisationId: schema.initiativePartners.organisationId, state: schema.initiativePartners.state })
    .from(schema.initiativePartners)
    .where(eq(schema.initiativePartners.initiativeId, initiativeId))
    .all();
const partnerState = (id: number) => db.select({ state: schema.initiativePartners.state }).from(schema.initiativePartners).where(eq(schema.initiativePartners.id, id)).get()!.state;
const updatesOf = (initiativeId: number) =>
  db
    .select({ organisationId: schema.initiativeUpdates.organisationId, body: schema.initiativeUpdates.body })
    .from(schema.initiativeUpdates)
    .where(eq(schema.initiativeUpdates.initiativeId, initiativeId))
    .all();
const followersOf = (initiativeId: number) =>
  db
    .select({ userId: schema.initiativeFollows.userId })
    .from(schema.initiativeFollows)
    .where(eq(schema.initiativeFollows.initiativeId, initiativeId))
    .all()
    .map((f) => f.userId)
    .sort();

const page = (initiative: Initiative) => `/initiatives/${initiative.slug}?index`;
/** The initiative of a row: led by the actor's organisation ("own") or by a stranger's ("other"). */
const initiativeFor = (actor: Actor, resource: "own" | "other", status: Parameters<typeof initiativeLedBy>[1] = "open") =>
  initiativeLedBy(resource === "own" ? homeOf(actor).id : strangerOrganisation().id, status);
/** An organisation the actor acts as in "other" rows: their own if they have one, else someone else's. */
const actingAs = (actor: Actor): Organisation => actor.home ?? strangerOrganisation();

/** `organisationId`'s partnership in `initiative`, asked for by its owner (state "requested"). */
function requestFrom(initiative: Initiative, organisationId: number) {
  return whileApproved(organisationId, () => {
    const asked = requestToJoin(initiative.id, ownerIdOf(organisationId), { organisationId, role: "technical", message: "" });
    if (!asked.ok) throw new Error(`could not ask to join: ${asked.error}`);
    return asked.partnerId;
  });
}

/** `organisationId` invited to `initiative` by its lead (state "invited"). */
function invitationOf(initiative: Initiative, organisationId: number) {
  return whileApproved(organisationId, () => {
    const invited = invitePartner(initiative.id, ownerIdOf(initiative.leadOrganisationId), { organisationId, role: "funder", message: "" });
    if (!invited.ok) throw new Error(`could not invite: ${invited.error}`);
    return invited.partnerId;
  });
}

/** `organisationId` an active partner of `initiative`. */
function activePartner(initiative: Initiative, organisationId: number) {
  const partnerId = requestFrom(initiative, organisationId);
  respondToPartnership(partnerId, ownerIdOf(initiative.leadOrganisationId), "accept");
  return partnerId;
}

const bothResources = (
  base: Omit<Row, "resource" | "expect" | "prepare">,
  own: Partial<Record<Role, Expectation>>,
  other: Partial<Record<Role, Expectation>>,
  prepare: (actor: Actor, resource: "own" | "other") => ReturnType<Row["prepare"]>,
): Row[] => [
  { ...base, resource: "own", expect: own, prepare: (actor) => prepare(actor, "own") },
  { ...base, resource: "other", expect: other, prepare: (actor) => prepare(actor, "other") },
];

export const initiativeRows: Row[] = [
  ...bothResources({ key: { route: "initiatives.new", intent: null }, what: "propose an initiative led by an organisation" }, teamOfApproved, all("deny"), (actor, resource) => {
    const lead = resource === "own" ? homeOf(actor) : strangerOrganisation();
    const title = unique("Compost de pulpa de café");
    return attempt({
      path: "/initiatives/new",
      form: { leadOrganisationId: String(lead.id), title, summary: "Convertir la pulpa de café en abono para pequeños productores.", roadmap: "agriculture" },
      observe: () => db.select({ lead: schema.initiatives.leadOrganisationId }).from(schema.initiatives).where(eq(schema.initiatives.title, title)).all(),
      done: (_b, now) => now.length === 1 && now[0]?.lead === lead.id,
    });
  }),
  ...bothResources({ key: { route: "initiatives.$slug.edit", intent: null }, what: "edit an initiative" }, teamOfApproved, all("deny"), (actor, resource) => {
    const initiative = initiativeFor(actor, resource);
    const title = unique("Título editado");
    return attempt({
      path: `/initiatives/${initiative.slug}/edit`,
      form: { title, summary: "Un resumen editado de la iniciativa.", roadmap: "agriculture" },
      observe: () => initiativeRow(initiative.id).title,
      done: (_b, now) => now === title,
    });
  }),
  ...bothResources({ key: { route: "initiatives.$slug._index", intent: "status" }, what: "move an initiative to «in progress»" }, managersOfApproved, all("deny"), (actor, resource) => {
    const initiative = initiativeFor(actor, resource);
    return attempt({ path: page(initiative), form: { intent: "status", status: "in_progress" }, observe: () => initiativeRow(initiative.id).status, done: (_b, now) => now === "in_progress" });
  }),
  ...(["follow", "unfollow"] as const).flatMap((intent) =>
    // Following needs the initiative public: a suspended lead's initiatives are seen by its team only.
    bothResources({ key: { route: "initiatives.$slug._index", intent }, what: `${intent} an initiative` }, teamOfApproved, all("allow", { anonymous: "deny" }), (actor, resource) => {
      const initiative = initiativeFor(actor, resource);
      if (intent === "unfollow" && actor.person) setFollowing(initiative.id, actor.person.user.id, true);
      const stranger = makeStranger();
      setFollowing(initiative.id, stranger.user.id, true);
      return attempt({
        path: page(initiative),
        form: { intent },
        observe: () => followersOf(initiative.id),
        done: (_b, now) => now.includes(stranger.user.id) && now.includes(actor.person?.user.id ?? -1) === (intent === "follow"),
      });
    }),
  ),
  {
    key: { route: "initiatives.$slug._index", intent: "join" },
    resource: "other",
    what: "ask to join someone else's initiative as one's organisation",
    // Anyone who acts for an approved organisation not yet involved; without one there is nothing to ask as.
    expect: all("deny", { otherOrgMember: "allow", orgMember: "allow", editor: "allow", owner: "allow" }),
    prepare: (actor) => {
      const initiative = initiativeFor(actor, "other");
      const as = actingAs(actor);
      return attempt({
        path: page(initiative),
        form: { intent: "join", organisationId: String(as.id), role: "supporter", message: "Queremos sumar" },
        observe: () => partnersOf(initiative.id),
        done: (_b, now) => now.some((p: { organisationId: number; state: string }) => p.organisationId === as.id && p.state === "requested"),
      });
    },
  },
  {
    key: { route: "initiatives.$slug._index", intent: "join" },
    resource: "other",
    what: "ask to join on behalf of someone else's organisation",
    expect: all("deny"),
    prepare: (actor) => {
      const initiative = initiativeFor(actor, "other");
      const elsewhere = strangerOrganisation();
      return attempt({ path: page(initiative), form: { intent: "join", organisationId: String(elsewhere.id), role: "supporter", message: "" }, observe: () => partnersOf(initiative.id) });
    },
  },
  {
    key: { route: "initiatives.$slug._index", intent: "join" },
    resource: "own",
    what: "ask to join one's own organisation's initiative",
    expect: home({}),
    prepare: (actor) => {
      const initiative = initiativeFor(actor, "own");
      return attempt({ path: page(initiative), form: { intent: "join", organisationId: String(homeOf(actor).id), role: "supporter", message: "" }, observe: () => partnersOf(initiative.id) });
    },
  },
  ...bothResources({ key: { route: "initiatives.$slug._index", intent: "invite" }, what: "invite an organisation as partner" }, managersOfApproved, all("deny"), (actor, resource) => {
    const initiative = initiativeFor(actor, resource);
    const invitee = strangerOrganisation();
    return attempt({
      path: page(initiative),
      form: { intent: "invite", organisation: invitee.name, role: "funder", message: "" },
      observe: () => partnersOf(initiative.id),
      done: (_b, now) => now.some((p: { organisationId: number; state: string }) => p.organisationId === invitee.id && p.state === "invited"),
    });
  }),
  ...bothResources({ key: { route: "initiatives.$slug._index", intent: "respond" }, what: "accept an organisation's request to join" }, managersOfApproved, all("deny"), (actor, resource) => {
    const initiative = initiativeFor(actor, resource);
    const partnerId = requestFrom(initiative, strangerOrganisation().id);
    return attempt({
      path: page(initiative),
      form: { intent: "respond", partnerId: String(partnerId), decision: "accept" },
      observe: () => partnerState(partnerId),
      done: (_b, now) => now === "active",
    });
  }),
  ...bothResources(
    { key: { route: "initiatives.$slug._index", intent: "respond" }, what: "decline an invitation to an organisation's initiative" },
    managersOfApproved,
    all("deny"),
    (actor, resource) => {
      const initiative = initiativeFor(actor, "other");
      const invited = resource === "own" ? homeOf(actor) : strangerOrganisation();
      const partnerId = invitationOf(initiative, invited.id);
      return attempt({
        path: page(initiative),
        form: { intent: "respond", partnerId: String(partnerId), decision: "decline" },
        observe: () => partnerState(partnerId),
        done: (_b, now) => now === "declined",
      });
    },
  ),
  {
    key: { route: "initiatives.$slug._index", intent: "respond" },
    resource: "other",
    what: "accept a request made to another initiative, through one's own initiative's page",
    expect: home({}),
    prepare: (actor) => {
      const own = initiativeFor(actor, "own");
      const elsewhere = initiativeLedBy(strangerOrganisation().id);
      const partnerId = requestFrom(elsewhere, strangerOrganisation().id);
      return attempt({ path: page(own), form: { intent: "respond", partnerId: String(partnerId), decision: "accept" }, observe: () => partnerState(partnerId) });
    },
  },
  ...bothResources({ key: { route: "initiatives.$slug._index", intent: "leave" }, what: "leave an initiative one's organisation is a partner of" }, managersOfApproved, all("deny"), (actor, resource) => {
    const initiative = initiativeFor(actor, "other");
    const partner = resource === "own" ? homeOf(actor) : strangerOrganisation();
    const partnerId = activePartner(initiative, partner.id);
    return attempt({ path: page(initiative), form: { intent: "leave", partnerId: String(partnerId) }, observe: () => partnerState(partnerId), done: (_b, now) => now === "left" });
  }),
  {
    key: { route: "initiatives.$slug._index", intent: "leave" },
    resource: "other",
    what: "end another initiative's partnership through one's own initiative's page",
    expect: home({}),
    prepare: (actor) => {
      const own = initiativeFor(actor, "own");
      const elsewhere = initiativeLedBy(strangerOrganisation().id);
      const partnerId = activePartner(elsewhere, strangerOrganisation().id);
      return attempt({ path: page(own), form: { intent: "leave", partnerId: String(partnerId) }, observe: () => partnerState(partnerId) });
    },
  },
  ...bothResources({ key: { route: "initiatives.$slug._index", intent: "update" }, what: "post a progress update as the lead" }, teamOfApproved, all("deny"), (actor, resource) => {
    const initiative = initiativeFor(actor, resource, "in_progress");
    const as = resource === "own" ? homeOf(actor).id : (actor.home?.id ?? initiative.leadOrganisationId);
    const body = unique("Avance del mes");
    return attempt({
      path: page(initiative),
      form: { intent: "update", organisationId: String(as), reportedOn: "2025-06-01", body, jobs_created: "2" },
      observe: () => updatesOf(initiative.id),
      done: (_b, now) => now.some((u: { organisationId: number; body: string }) => u.body === body && u.organisationId === as),
    });
  }),
  {
    key: { route: "initiatives.$slug._index", intent: "update" },
    resource: "own",
    what: "post a progress update as a partner",
    expect: teamOfApproved,
    prepare: (actor) => {
      const initiative = initiativeFor(actor, "other", "in_progress");
      const as = homeOf(actor);
      activePartner(initiative, as.id);
      const body = unique("Avance del socio");
      return attempt({
        path: page(initiative),
        form: { intent: "update", organisationId: String(as.id), reportedOn: "2025-06-01", body },
        observe: () => updatesOf(initiative.id),
        done: (_b, now) => now.some((u: { organisationId: number; body: string }) => u.body === body && u.organisationId === as.id),
      });
    },
  },
];
