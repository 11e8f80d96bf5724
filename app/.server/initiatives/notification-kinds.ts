import { inArray, eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { registerNotificationKind, registerNotificationSubject, type Reader } from "#app/.server/notifications/index.ts";
import { organisationsOfUser } from "#app/.server/organisations/index.ts";
import { INITIATIVE_STATUSES } from "#app/features/initiatives/taxonomy.ts";
import type { MessageKey } from "#app/i18n.ts";
import { canOnInitiative } from "./permissions.ts";

// What initiatives tell people about (issue 10, ADR 0013): one kind per message, all in the
// "initiatives" preference group, mailed at once unless the person chose otherwise. The subject is
// always the initiative, worded with its current title.

const i = schema.initiatives;
const lead = schema.organisations;

/**
 * Titles and links of initiatives as `reader` may see them (drafts and initiatives of organisations
 * that are not approved only by the lead's team): `Map<id, { title, link }>`, the others left out.
 * Two queries whatever the number of ids.
 */
export function describeInitiatives(ids: readonly number[], reader: Reader | null) {
  const described = new Map<number, { title: string; link: string }>();
  if (ids.length === 0) return described;
  const rows = db
    .select({ id: i.id, slug: i.slug, title: i.title, status: i.status, leadOrganisationId: i.leadOrganisationId, leadStatus: lead.status })
    .from(i)
    .innerJoin(lead, eq(lead.id, i.leadOrganisationId))
    .where(inArray(i.id, [...new Set(ids)]))
    .all();
  const roles = new Map(organisationsOfUser(reader?.id).map((m) => [m.id, m.role]));
  for (const row of rows) {
    // "view" depends only on the reader's role in the lead organisation.
    const viewer = { user: reader, leadRole: roles.get(row.leadOrganisationId) ?? null, partnerRole: null, canActForAnotherOrganisation: false };
    if (canOnInitiative("view", { status: row.status, leadStatus: row.leadStatus }, viewer)) {
      described.set(row.id, { title: row.title, link: `/initiatives/${row.slug}` });
    }
  }
  return described;
}

registerNotificationSubject({ type: "initiative", describe: describeInitiatives });

const KINDS: Array<[type: string, messageKey: MessageKey]> = [
  ...INITIATIVE_STATUSES.map((status): [string, MessageKey] => [`initiative.status.${status}`, `ini.notice.status.${status}`]),
  // data: { org } the organisation asking or invited.
  ["initiative.requested", "ini.notice.requested"],
  ["initiative.invited", "ini.notice.invited"],
  ["initiative.accepted", "ini.notice.accepted"],
  ["initiative.declined", "ini.notice.declined"],
  ["initiative.left", "ini.notice.left"],
  ["initiative.update", "ini.notice.update"],
];

for (const [type, messageKey] of KINDS) {
  registerNotificationKind({ type, preference: "initiatives", defaultChannel: "email", messageKey, subjectKey: "ini.notice.subject" });
}
