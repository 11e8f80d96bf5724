import { peopleByIds } from "#app/.server/auth/handles.ts";
import { isMessageKey, translate, type Locale, type MessageKey, type Vars } from "#app/i18n.ts";
import type { PlatformRole } from "#db/schema/auth.ts";
import { notificationKind, subjectResolver, type NotificationKind } from "./registry.ts";

/** Who reads a notification: subjects are resolved as this person may see them. */
export type Reader = { id: number; role: PlatformRole };

type Data = Record<string, string | number | null>;

/** What rendering needs of a notification row (a stored one, or one about to be stored). */
export type RenderableRow = {
  id: number;
  type: string;
  subjectType: string | null;
  subjectId: number | null;
  actorId: number | null;
  /** The actor's name when the caller read it with the row (saves a lookup); else looked up. */
  actorName?: string | null;
  data: Data;
  link: string | null;
};

/**
 * A notification in words: `text` in the reader's language, `link` a path inside the app (null
 * when there is nowhere to go), `subject` the email subject line of a registered kind, and
 * `available` false when the subject no longer exists or the reader may no longer see it.
 */
export type Rendered = { text: string; link: string | null; subject: string | null; available: boolean };

function plain(data: Data): Vars {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v ?? ""]));
}

/**
 * Titles and links of the given subjects as the reader may see them, keyed "type:id": one call of
 * each type's resolver (one or two queries) whatever the number of rows. Unknown types and
 * subjects the reader may not see are left out.
 */
export function describeSubjects(subjects: ReadonlyArray<{ type: string | null; id: number | null }>, reader: Reader) {
  const idsByType = new Map<string, number[]>();
  const batch: Array<{ type: string; id: number }> = [];
  for (const s of subjects) {
    if (s.type === null || s.id === null) continue;
    const ids = idsByType.get(s.type) ?? [];
    ids.push(s.id);
    idsByType.set(s.type, ids);
    batch.push({ type: s.type, id: s.id });
  }
  const found = new Map<string, { title: string; link: string }>();
  for (const [type, ids] of idsByType) {
    const resolver = subjectResolver(type);
    if (!resolver) continue;
    for (const [id, described] of resolver.describe([...new Set(ids)], reader, batch)) found.set(`${type}:${id}`, described);
  }
  return found;
}

/** The wording variables of a registered kind: actor, current title, the data, and the kind's own. */
function kindVars(kind: NotificationKind, row: RenderableRow, title: string, actor: string, locale: Locale): Vars {
  return { ...plain(row.data), actor, title, ...kind.vars?.({ data: row.data, title, locale }) };
}

/**
 * Renders notification rows for one reader in one language (ADR 0013). A registered kind is worded
 * from its message and the subject's *current* title and link, asked of the subject's resolver; a
 * row from before issue 10 (its type a message key) renders from its stored values and link.
 * Queries: one for the actors' names and one per subject type, whatever the number of rows.
 * Returns a map from row id to its rendering.
 */
export function renderNotifications(rows: readonly RenderableRow[], reader: Reader, locale: Locale): Map<number, Rendered> {
  const t = (key: MessageKey, vars?: Vars) => translate(locale, key, vars);
  const actors = peopleByIds(rows.flatMap((r) => (r.actorId === null || r.actorName !== undefined ? [] : [r.actorId])));
  const subjects = describeSubjects(
    rows.filter((r) => notificationKind(r.type)).map((r) => ({ type: r.subjectType, id: r.subjectId })),
    reader,
  );
  const unavailable: Rendered = { text: t("notifications.unavailable"), link: null, subject: null, available: false };
  const rendered = new Map<number, Rendered>();
  for (const row of rows) {
    const kind = notificationKind(row.type);
    if (!kind) {
      // Before issue 10 a row held a message key and its values, frozen when it was written.
      rendered.set(row.id, isMessageKey(row.type) ? { text: t(row.type, plain(row.data)), link: row.link, subject: null, available: true } : unavailable);
      continue;
    }
    const subject = subjects.get(`${row.subjectType}:${row.subjectId}`);
    if (!subject) {
      rendered.set(row.id, unavailable);
      continue;
    }
    const actor = (row.actorId !== null ? (row.actorName ?? actors.get(row.actorId)?.name) : undefined) ?? t("notifications.someone");
    const vars = kindVars(kind, row, subject.title, actor, locale);
    rendered.set(row.id, {
      text: t(kind.messageKey, vars),
      link: kind.link ? kind.link(subject.link, row.data) : subject.link,
      subject: t(kind.subjectKey, vars),
      available: true,
    });
  }
  return rendered;
}
