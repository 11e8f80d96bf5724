import { and, eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";

// Event follows (issue 10): people told of an event's changes and of its discussion threads
// without registering for it.

const f = schema.eventFollows;

/** Follows (`follow` true) or unfollows an event; repeating either is harmless. One statement. */
export function setFollowingEvent(eventId: number, userId: number, follow: boolean) {
  if (follow) db.insert(f).values({ eventId, userId }).onConflictDoNothing().run();
  else db.delete(f).where(and(eq(f.eventId, eventId), eq(f.userId, userId))).run();
}

/** Whether a person follows an event (false without a person). One indexed read. */
export function isFollowingEvent(eventId: number, userId: number | undefined): boolean {
  if (!userId) return false;
  return db.select({ userId: f.userId }).from(f).where(and(eq(f.eventId, eventId), eq(f.userId, userId))).get() !== undefined;
}

/** User ids of an event's followers, in no particular order. One indexed read. */
export function eventFollowers(eventId: number): number[] {
  return db.select({ userId: f.userId }).from(f).where(eq(f.eventId, eventId)).all().map((row) => row.userId);
}
