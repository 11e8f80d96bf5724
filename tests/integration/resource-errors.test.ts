// Resource routes (calendar files, images, CSV, the language switch) are answered outside React,
// so their refusals carry their own translated page instead of a bare English "Not Found".
import { describe, expect, test } from "vitest";
import { translate } from "#app/i18n.ts";
import { loader as eventCsvLoader } from "#app/routes/events.$slug.attendees[.]csv.ts";
import { loader as eventIcsLoader } from "#app/routes/events.$slug.calendar[.]ics.ts";
import { loader as coverLoader } from "#app/routes/events.$slug.cover.ts";
import { loader as logoLoader } from "#app/routes/organisations.$slug.logo.ts";
import { action as setLanguageAction } from "#app/routes/set-language.tsx";
import { callRoute } from "./call-route.ts";
import { makeOrganisation, makePerson } from "./world.ts";

const BASE = "http://localhost:3000";
const withSlug = (handler: typeof eventIcsLoader, slug: string) => (args: Parameters<typeof eventIcsLoader>[0]) =>
  handler({ ...args, params: { slug } });

describe("refusals of resource routes", () => {
  test("a calendar file, cover or logo that does not exist is a 404 page in the reader's language", async () => {
    const organisationWithoutLogo = makeOrganisation(makePerson());
    const cases = [
      withSlug(eventIcsLoader, "no-existe"),
      withSlug(coverLoader, "no-existe"),
      withSlug(logoLoader, organisationWithoutLogo.slug),
    ];
    for (const handler of cases) {
      for (const [language, locale] of [["es-PE", "es"], ["en", "en"]] as const) {
        const answer = await callRoute(handler, { url: `${BASE}/x`, headers: { "Accept-Language": language } });
        expect(answer.status).toBe(404);
        expect(answer.headers.get("Content-Type")).toContain("text/html");
        expect(String(answer.data)).toContain(`<h1>${translate(locale, "error.404.title")}</h1>`);
        expect(String(answer.data)).toContain(`<html lang="${locale}">`);
      }
    }
  });

  test("the attendee list of someone else's event is refused with a translated page; sign-in redirects pass through", async () => {
    const member = makePerson();
    const refused = await callRoute(withSlug(eventCsvLoader, "no-existe"), { url: `${BASE}/x`, cookie: member.cookie });
    expect([403, 404]).toContain(refused.status);
    expect(String(refused.data)).toContain("<h1>");
    const anonymous = await callRoute(withSlug(eventCsvLoader, "no-existe"), { url: `${BASE}/x` });
    expect(anonymous.status).toBe(302);
  });

  test("a tampered language value is a translated 400 page", async () => {
    const answer = await callRoute(setLanguageAction, { url: `${BASE}/set-language`, method: "POST", form: { lang: "xx" } });
    expect(answer.status).toBe(400);
    expect(String(answer.data)).toContain(`<h1>${translate("es", "error.400.title")}</h1>`);
  });
});
