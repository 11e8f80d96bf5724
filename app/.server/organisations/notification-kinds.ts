import { isStaff } from "#app/.server/auth/roles.ts";
import { inArray } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { registerNotificationKind, registerNotificationSubject, type Reader } from "#app/.server/notifications/index.ts";
import type { MessageKey } from "#app/i18n.ts";
import { organisationsOfUser } from "./queries.ts";

// What organisations tell their owners (issue 10, ADR 0013), in the "organisations" preference
// group, mailed at once by default. The subject is the organisation; its current name is {org}.

const o = schema.organisations;

/**
 * Names and profile links of organisations as `reader` may see them: approved ones for everyone;
 * others (pending, rejected, suspended) for their members and for coordinators and admins.
 * `Map<id, { title, link }>`; two queries whatever the number of ids.
 */
export function describeOrganisations(ids: readonly number[], reader: Reader | null) {
  const described = new Map<number, { title: string; link: string }>();
  if (ids.length === 0) return described;
  const rows = db.select({ id: o.id, slug: o.slug, name: o.name, status: o.status }).from(o).where(inArray(o.id, [...new Set(ids)])).all();
  const staff = isStaff(reader);
  const mine = new Set(staff ? [] : organisationsOfUser(reader?.id).map((m) => m.id));
  for (const row of rows) {
    if (row.status === "approved" || staff || mine.has(row.id)) described.set(row.id, { title: row.name, link: `/organisations/${row.slug}` });
  }
  return described;
}

registerNotificationSubject({ type: "organisation", describe: describeOrganisations });

const KINDS: Array<{ type: string; messageKey: MessageKey; subjectKey: MessageKey; page?: string }> = [
  // Approved, and the Pact already signed: to the profile.
  { type: "organisation.approved", messageKey: "org.notice.approved", subjectKey: "org.notice.approvedSubject" },
  // Approved; next step, signing the Pact.
  { type: "organisation.approved_sign_pact", messageKey: "org.notice.approvedSignPact", subjectKey: "org.notice.approvedSubject", page: "/pact" },
  // data: { reason }; to the form, to correct and send again.
  { type: "organisation.rejected", messageKey: "org.notice.rejected", subjectKey: "org.notice.rejectedSubject", page: "/edit" },
  // data: { reason }
  { type: "organisation.suspended", messageKey: "org.notice.suspended", subjectKey: "org.notice.suspendedSubject" },
];

for (const { type, messageKey, subjectKey, page } of KINDS) {
  registerNotificationKind({
    type,
    preference: "organisations",
    defaultChannel: "email",
    messageKey,
    subjectKey,
    vars: ({ title }) => ({ org: title }),
    link: page ? (link) => `${link}${page}` : undefined,
  });
}
