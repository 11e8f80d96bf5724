import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { action as setLanguage } from "#app/routes/set-language.tsx";
import { callRoute } from "./call-route.ts";
import { makePerson } from "./world.ts";

// The README promises that a signed-in person's language choice is kept on the account, so the
// next sign-in (on any device) starts in that language.
test("switching language while signed in saves it to the account; signed out it only sets the cookie", async () => {
  const person = makePerson();
  const localeOf = () => db.select({ locale: schema.users.locale }).from(schema.users).where(eq(schema.users.id, person.user.id)).get()!.locale;
  const before = localeOf();
  const other = before === "es" ? "en" : "es";

  const res = await callRoute(setLanguage, { method: "POST", cookie: person.cookie, form: { lang: other, redirectTo: "/events" } });
  expect(res.status).toBe(302);
  expect(res.headers.get("Location")).toBe("/events");
  expect(res.headers.get("Set-Cookie")).toContain(`lang=${other}`);
  expect(localeOf()).toBe(other);

  const anonymous = await callRoute(setLanguage, { method: "POST", form: { lang: before, redirectTo: "/" } });
  expect(anonymous.headers.get("Set-Cookie")).toContain(`lang=${before}`);
  expect(localeOf()).toBe(other);
});
