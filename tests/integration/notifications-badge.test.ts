import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { countUnread } from "#app/.server/notifications/index.ts";
import { action, loader } from "#app/routes/notifications.tsx";
import { callRoute } from "./call-route.ts";
import { makePerson } from "./world.ts";

const URL_ = "http://localhost:3000/notifications";

function notify(userId: number, title: string) {
  return db
    .insert(schema.notifications)
    .values({ userId, type: "ini.notice.update", data: { title }, link: "/initiatives" })
    .returning()
    .get();
}

describe("reading notifications clears the badge", () => {
  test("opening the list changes nothing; the page's own «seen» post clears the count", async () => {
    const person = makePerson();
    const other = makePerson();
    notify(person.user.id, "Uno");
    const newest = notify(person.user.id, "Dos");
    notify(other.user.id, "De otra persona");
    expect(countUnread(person.user.id)).toBe(2);

    const page = await callRoute(loader, { url: URL_, cookie: person.cookie });
    expect(page.status).toBe(200);
    expect(countUnread(person.user.id)).toBe(2); // GET is free of writes

    const seen = await callRoute(action, {
      url: URL_,
      method: "POST",
      cookie: person.cookie,
      form: { intent: "seen", upTo: String(newest.id) },
    });
    expect(seen.status).toBe(200);
    expect(seen.data).toEqual({ seen: true });
    expect(countUnread(person.user.id)).toBe(0);
    expect(countUnread(other.user.id)).toBe(1); // only one's own
  });

  test("a notification that arrived after the page was drawn stays unread", async () => {
    const person = makePerson();
    const shown = notify(person.user.id, "Mostrada");
    notify(person.user.id, "Llegó después");
    await callRoute(action, { url: URL_, method: "POST", cookie: person.cookie, form: { intent: "seen", upTo: String(shown.id) } });
    expect(countUnread(person.user.id)).toBe(1);
  });

  test("without JavaScript the button marks them read and redirects with a message", async () => {
    const person = makePerson();
    notify(person.user.id, "Uno");
    const result = await callRoute(action, { url: URL_, method: "POST", cookie: person.cookie, form: { intent: "mark-read" } });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/notifications");
    expect(countUnread(person.user.id)).toBe(0);
  });

  test("junk in the form never answers 500", async () => {
    const person = makePerson();
    notify(person.user.id, "Uno");
    const result = await callRoute(action, { url: URL_, method: "POST", cookie: person.cookie, form: { intent: "x", upTo: "abc" } });
    expect(result.status).toBe(302);
    expect(countUnread(person.user.id)).toBe(0);
  });
});
