import { eq, inArray, or, sql } from "drizzle-orm";
import { peopleByIds, usersByHandles } from "#app/.server/auth/handles.ts";
import { schema } from "#app/.server/db.ts";
import { DEFAULT_LOCALE, translate } from "#app/i18n.ts";
import type { PersonalDataSource } from "#app/.server/personal-data.ts";
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
    { table: schema.discussionSuspensions, column: schema.discussionSuspensions.createdById, onClosure: "set-null" },
    { table: schema.moderationLog, column: schema.moderationLog.actorId, onClosure: "set-null" },
  ],
  more: (reader, person) => ({
    discussion_post_revisions: reader
      .select({ postId: schema.discussionPostRevisions.postId, body: schema.discussionPostRevisions.body, replacedAt: schema.discussionPostRevisions.replacedAt })
      .from(schema.discussionPostRevisions)
      .innerJoin(p, eq(p.id, schema.discussionPostRevisions.postId))
      .where(eq(p.authorId, person.id))
      .all(),
  }),
  erase(tx, person, { deletedAccountId }) {
    const own = tx.select({ id: p.id }).from(p).where(eq(p.authorId, person.id)).all().map((row) => row.id);
    // Posts of others that name the person in their rendered HTML: a mention of the handle or a
    // quote of one of the person's posts ("↩ Name #N"). One scan of the posts' sources; closing
    // an account is rare.
    const mentionsThem = person.handle ? sql`instr(lower(${p.body}), ${`@${person.handle}`}) > 0` : sql`0`;
    const naming = tx
      .select({ id: p.id, body: p.body, quotedPostId: p.quotedPostId })
      .from(p)
      .where(or(mentionsThem, own.length > 0 ? inArray(p.quotedPostId, own) : sql`0`))
      .all();
    if (own.length > 0) {
      tx.delete(schema.discussionPostRevisions).where(inArray(schema.discussionPostRevisions.postId, own)).run();
      tx.update(p).set({ authorId: deletedAccountId }).where(eq(p.authorId, person.id)).run();
    }
    tx.update(t).set({ authorId: deletedAccountId }).where(eq(t.authorId, person.id)).run();
    tx.update(t).set({ lastPostAuthorId: deletedAccountId }).where(eq(t.lastPostAuthorId, person.id)).run();
    tx.update(schema.moderationLog).set({ targetUserId: deletedAccountId }).where(eq(schema.moderationLog.targetUserId, person.id)).run();
    // The quoted posts as they are now (the person's own already handed to the deleted account).
    const quotedIds = naming.flatMap((row) => (row.quotedPostId === null ? [] : [row.quotedPostId]));
    const quoted = new Map(
      (quotedIds.length > 0 ? tx.select({ id: p.id, number: p.number, authorId: p.authorId }).from(p).where(inArray(p.id, quotedIds)).all() : []).map(
        (row) => [row.id, row],
      ),
    );
    const names = peopleByIds([...new Set([...quoted.values()].map((row) => row.authorId))]);
    for (const row of naming) {
      if (row.body === "") continue;
      // Handles are made from names ("@rocio-gutierrez-llanos"): the mention becomes the words
      // "Cuenta eliminada", which no handle can spell, in the post and in its earlier versions.
      const body = withoutMention(row.body, person.handle);
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
