import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import { peopleByIds, usersByHandles } from "#app/.server/auth/handles.ts";
import { schema } from "#app/.server/db.ts";
import { DEFAULT_LOCALE, translate } from "#app/i18n.ts";
import type { DataSubject, PersonalDataSource } from "#app/.server/personal-data.ts";
import { parseMentions, renderPostMarkdown } from "./markdown.ts";

const p = schema.discussionPosts;

/**
 * `body` with every @mention of `handle` (any case, not inside an address like "x@handle.pe")
 * replaced by the words "Cuenta eliminada" in the site's default language (pure).
 */
export function withoutMention(body: string, handle: string | null): string {
  if (!handle) return body;
  const escaped = handle.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  return body.replace(new RegExp(`(?<![A-Za-z0-9._%+-])@${escaped}(?![a-z0-9-])`, "gi"), translate(DEFAULT_LOCALE, "people.deletedAccount"));
}

/** `body` without the person's address, nor their full name when it has at least two words (pure). */
function withoutOwnDetails(body: string, person: Pick<DataSubject, "email" | "name">): string {
  let out = body.split(person.email).join("");
  const name = person.name.trim();
  if (name.split(/\s+/).length >= 2) out = out.split(name).join(translate(DEFAULT_LOCALE, "people.deletedAccount"));
  return out;
}

const t = schema.discussionThreads;

/**
 * Discussions (issue 13): the person's threads and posts, reactions, flags, read marks, follows,
 * suspensions, and coordinators' moderation entries of their acts.
 *
 * Closing the account keeps the conversation readable: the person's threads and posts stay, with
 * their author now the shared deleted-account row ("Cuenta eliminada"); the earlier versions of
 * their posts are erased; in other people's posts (and their earlier versions) a mention of the
 * person's handle — made from their name — becomes the words "Cuenta eliminada", and posts that
 * quoted them are rendered again with the quote's source "Cuenta eliminada"; moderation entries
 * about them point to the deleted-account row.
 */
export const discussionsPersonalData: PersonalDataSource = {
  section: "discussions",
  references: [
    { table: t, column: t.authorId, onClosure: "reassign" },
    { table: t, column: t.lastPostAuthorId, onClosure: "reassign" },
    { table: p, column: p.authorId, onClosure: "reassign" },
    { table: schema.discussionReactions, column: schema.discussionReactions.userId, onClosure: "cascade" },
    { table: schema.discussionFlags, column: schema.discussionFlags.userId, onClosure: "cascade" },
    { table: schema.discussionReads, column: schema.discussionReads.userId, onClosure: "cascade" },
    { table: schema.discussionFollows, column: schema.discussionFollows.userId, onClosure: "cascade" },
    { table: schema.discussionSuspensions, column: schema.discussionSuspensions.userId, onClosure: "cascade" },
    {
      table: schema.discussionSuspensions,
      column: schema.discussionSuspensions.createdById,
      onClosure: "set-null",
      // Suspensions they gave: when and until when, not whom nor why (that is the other person's).
      exportColumns: { createdAt: schema.discussionSuspensions.createdAt, until: schema.discussionSuspensions.until },
    },
    {
      table: schema.moderationLog,
      column: schema.moderationLog.actorId,
      onClosure: "set-null",
      // Their moderation acts, without whom they concerned or the notes about them.
      exportColumns: { action: schema.moderationLog.action, threadId: schema.moderationLog.threadId, postId: schema.moderationLog.postId, createdAt: schema.moderationLog.createdAt },
    },
  ],
  more: (reader, person) => ({
    // moderation_log.target_user_id names whom an entry concerns, without a foreign key.
    moderation_log_about_you: reader
      .select({ action: schema.moderationLog.action, note: schema.moderationLog.note, createdAt: schema.moderationLog.createdAt })
      .from(schema.moderationLog)
      .where(eq(schema.moderationLog.targetUserId, person.id))
      .all(),
    discussion_post_revisions: reader
      .select({ postId: schema.discussionPostRevisions.postId, body: schema.discussionPostRevisions.body, replacedAt: schema.discussionPostRevisions.replacedAt })
      .from(schema.discussionPostRevisions)
      .innerJoin(p, eq(p.id, schema.discussionPostRevisions.postId))
      .where(eq(p.authorId, person.id))
      .all(),
  }),
  erase(tx, person, { deletedAccountId }) {
    const own = tx.select({ id: p.id, body: p.body, quotedPostId: p.quotedPostId }).from(p).where(eq(p.authorId, person.id)).all();
    const ownIds = own.map((row) => row.id);
    // Posts of others that name the person in their rendered HTML: a mention of the handle or a
    // quote of one of the person's posts ("↩ Name #N"). One scan of the posts' sources; closing
    // an account is rare.
    const mentionsThem = person.handle ? sql`instr(lower(${p.body}), ${`@${person.handle}`}) > 0` : sql`0`;
    const naming = tx
      .select({ id: p.id, body: p.body, quotedPostId: p.quotedPostId })
      .from(p)
      .where(and(ne(p.authorId, person.id), or(mentionsThem, ownIds.length > 0 ? inArray(p.quotedPostId, ownIds) : sql`0`)))
      .all();
    // Their own posts whose words carry their address or full name (a signature, "write to me at").
    const ownNaming = own.filter((row) => withoutOwnDetails(row.body, person) !== row.body);
    if (ownIds.length > 0) {
      tx.delete(schema.discussionPostRevisions).where(inArray(schema.discussionPostRevisions.postId, ownIds)).run();
      // The organisation they wrote for would point at them in a small team: it goes too.
      tx.update(p).set({ authorId: deletedAccountId, organisationId: null }).where(eq(p.authorId, person.id)).run();
    }
    tx.update(t).set({ authorId: deletedAccountId, organisationId: null }).where(eq(t.authorId, person.id)).run();
    tx.update(t).set({ lastPostAuthorId: deletedAccountId }).where(eq(t.lastPostAuthorId, person.id)).run();
    // Entries about them keep what was done, not the notes a coordinator wrote about them.
    tx.update(schema.moderationLog).set({ targetUserId: deletedAccountId, note: "", details: null }).where(eq(schema.moderationLog.targetUserId, person.id)).run();
    // Rewritten and rendered again, with their quotes as they are now (the person's own posts
    // already handed to the deleted account, so a quote of them says "Cuenta eliminada").
    const rewrite = [...naming, ...ownNaming];
    const quotedIds = rewrite.flatMap((row) => (row.quotedPostId === null ? [] : [row.quotedPostId]));
    const quoted = new Map(
      (quotedIds.length > 0 ? tx.select({ id: p.id, number: p.number, authorId: p.authorId }).from(p).where(inArray(p.id, quotedIds)).all() : []).map(
        (row) => [row.id, row],
      ),
    );
    const names = peopleByIds([...new Set([...quoted.values()].map((row) => row.authorId))]);
    for (const row of rewrite) {
      if (row.body === "") continue;
      // Handles are made from names ("@rocio-gutierrez-llanos"): a mention becomes the words
      // "Cuenta eliminada", which no handle can spell (in earlier versions too, below).
      const body = withoutOwnDetails(withoutMention(row.body, person.handle), person);
      const mentions = usersByHandles(parseMentions(body));
      const source = row.quotedPostId === null ? undefined : quoted.get(row.quotedPostId);
      const quote = source ? { postId: source.id, number: source.number, authorName: names.get(source.authorId)?.name ?? "" } : null;
      tx.update(p).set({ body, bodyHtml: renderPostMarkdown(body, { mentions, quote }) }).where(eq(p.id, row.id)).run();
    }
    if (person.handle) {
      const r = schema.discussionPostRevisions;
      const revisions = tx.select({ id: r.id, body: r.body }).from(r).where(sql`instr(lower(${r.body}), ${`@${person.handle}`}) > 0`).all();
      for (const revision of revisions) tx.update(r).set({ body: withoutMention(revision.body, person.handle) }).where(eq(r.id, revision.id)).run();
    }
  },
};
