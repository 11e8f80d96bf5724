import { eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { registerDiscussable } from "#app/.server/discussions/registry.ts";
import { organisationsOfUser } from "#app/.server/organisations/index.ts";
import { audienceOf } from "./mutations.ts";
import { describeInitiatives } from "./notification-kinds.ts";
import { canOnInitiative } from "./permissions.ts";
import { partnersOf } from "./queries.ts";

// Initiatives carry discussion threads (issue 10, ADR 0013). The discussion feature asks these
// questions and never reads initiatives' tables itself.

const i = schema.initiatives;
const lead = schema.organisations;

/** An initiative with its lead's status, by id, as `canOnInitiative` needs it. One query. */
function findInitiativeById(id: number) {
  return db
    .select({ id: i.id, slug: i.slug, title: i.title, status: i.status, leadOrganisationId: i.leadOrganisationId, leadStatus: lead.status })
    .from(i)
    .innerJoin(lead, eq(lead.id, i.leadOrganisationId))
    .where(eq(i.id, id))
    .get();
}

registerDiscussable({
  type: "initiative",
  load(id, viewer) {
    const initiative = findInitiativeById(id);
    if (!initiative) return null;
    // "view" depends only on the viewer's role in the lead organisation (as in describeInitiatives):
    // no partnership lookups here.
    const leadRole = organisationsOfUser(viewer?.id).find((m) => m.id === initiative.leadOrganisationId)?.role ?? null;
    const target = { status: initiative.status, leadStatus: initiative.leadStatus };
    const as = { user: viewer ? { id: viewer.id, role: viewer.role } : null, leadRole, partnerRole: null, canActForAnotherOrganisation: false };
    if (!canOnInitiative("view", target, as)) return null;
    // Anyone who may see a published initiative may discuss it (the discussion feature adds its
    // own rules: a confirmed account, no suspension); drafts are the lead team's workspace.
    return { title: initiative.title, link: `/initiatives/${initiative.slug}`, mayPost: initiative.status !== "draft" };
  },
  // The same visibility as the initiative's notifications.
  describe: describeInitiatives,
  audience(id) {
    const initiative = findInitiativeById(id);
    if (!initiative) return [];
    // Followers, and the managers of the lead and of every active partner.
    const partners = partnersOf(id).filter((p) => p.state === "active").map((p) => p.organisationId);
    return audienceOf(id, [initiative.leadOrganisationId, ...partners]);
  },
});
