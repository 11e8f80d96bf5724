import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { eventToIcs, eventUid, eventsFeedIcs, type IcsEvent } from "./ics.ts";

const APP_URL = "https://peru-pais-circular.pe";
const ONLINE_URL = "https://meet.example.com/secret-room-42";

// 09:00–17:30 in Lima (UTC−5) on 15 October 2026 is 14:00–22:30 UTC.
const base: IcsEvent & { onlineUrl: string } = {
  id: 42,
  slug: "foro-economia-circular-2026",
  title: "Foro de Economía Circular 2026",
  summary: "Encuentro anual; cadenas de valor, hojas de ruta y más.",
  startsAt: new Date("2026-10-15T09:00:00-05:00"),
  endsAt: new Date("2026-10-15T17:30:00-05:00"),
  status: "published",
  sequence: 3,
  venueName: "Centro de Convenciones de Lima",
  venueAddress: "Av. Arqueología 206, San Borja",
  city: "Lima",
  region: "LMA",
  format: "hybrid",
  updatedAt: new Date("2026-09-01T12:34:56Z"),
  // Extra row columns must not leak into the calendar.
  onlineUrl: ONLINE_URL,
};

function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text));
}

function onlyEvent(text: string) {
  const vevent = parse(text).getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT");
  return { vevent, event: new ICAL.Event(vevent) };
}

describe("eventToIcs", () => {
  test("writes a single VEVENT with stable UID, sequence, status and URL", () => {
    const text = eventToIcs(base, APP_URL);
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);

    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Peru Pais Circular//Eventos//ES");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(1);

    const { vevent, event } = onlyEvent(text);
    expect(event.uid).toBe("event-42@peru-pais-circular.pe");
    expect(event.uid).toBe(eventUid(42));
    expect(event.sequence).toBe(3);
    expect(event.summary).toBe("Foro de Economía Circular 2026");
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(vevent.getFirstPropertyValue("url")).toBe("https://peru-pais-circular.pe/events/foro-economia-circular-2026");
    expect(event.description).toBe(
      "Encuentro anual; cadenas de valor, hojas de ruta y más.\n\nhttps://peru-pais-circular.pe/events/foro-economia-circular-2026",
    );
  });

  test("the UID does not change when the event is edited", () => {
    const before = onlyEvent(eventToIcs(base, APP_URL)).event;
    const after = onlyEvent(
      eventToIcs({ ...base, title: "Foro reprogramado", startsAt: new Date("2026-11-02T14:00:00Z"), sequence: 4 }, APP_URL),
    ).event;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBe(4);
  });

  test("start and end are the input UTC instants", () => {
    const { vevent, event } = onlyEvent(eventToIcs(base, APP_URL));
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-10-15T14:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-10-15T22:30:00.000Z");
    expect(event.startDate.zone.tzid).toBe("UTC");
    expect(event.startDate.toJSDate().getTime()).toBe(base.startsAt.getTime());
    expect(event.endDate.toJSDate().getTime()).toBe(base.endsAt.getTime());
    const lastModified = vevent.getFirstPropertyValue("last-modified") as ICAL.Time;
    expect(lastModified.toJSDate().toISOString()).toBe("2026-09-01T12:34:56.000Z");
    const stamp = vevent.getFirstPropertyValue("dtstamp") as ICAL.Time;
    expect(stamp.toJSDate().toISOString()).toBe("2026-09-01T12:34:56.000Z");
  });

  test("a cancelled event is STATUS:CANCELLED with its sequence", () => {
    const { vevent, event } = onlyEvent(eventToIcs({ ...base, status: "cancelled", sequence: 5 }, APP_URL));
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.sequence).toBe(5);
    expect(event.uid).toBe(eventUid(42));
  });

  test("location names the venue, address, city and region", () => {
    const { event } = onlyEvent(eventToIcs(base, APP_URL));
    expect(event.location).toBe("Centro de Convenciones de Lima, Av. Arqueología 206, San Borja, Lima, Lima Metropolitana");
    expect(event.location).toContain("Centro de Convenciones de Lima");
    expect(event.location).toContain("Lima Metropolitana");
  });

  test("location skips missing parts", () => {
    const { event } = onlyEvent(
      eventToIcs({ ...base, format: "in_person", venueName: "Auditorio UNSAAC", venueAddress: null, city: null, region: "CUS" }, APP_URL),
    );
    expect(event.location).toBe("Auditorio UNSAAC, Cusco");
  });

  test("online-only events say so and never carry the online link", () => {
    const online = { ...base, format: "online", venueName: null, venueAddress: null, city: null, region: null };
    const text = eventToIcs(online, APP_URL);
    expect(onlyEvent(text).event.location).toBe("En línea");
    // Unfold before searching, so a link split across lines is still found.
    for (const t of [text, eventToIcs(base, APP_URL), eventsFeedIcs([base, online], APP_URL, "Eventos")]) {
      const unfolded = t.replace(/\r\n[ \t]/g, "");
      expect(unfolded).not.toContain(ONLINE_URL);
      expect(unfolded).not.toContain("meet.example.com");
    }
  });

  test("a trailing slash on the app URL is not doubled", () => {
    const { vevent } = onlyEvent(eventToIcs(base, `${APP_URL}/`));
    expect(vevent.getFirstPropertyValue("url")).toBe("https://peru-pais-circular.pe/events/foro-economia-circular-2026");
  });

  test("long, accented text survives folding", () => {
    const title = `Misión empresarial: ${"economía circular, ".repeat(8)}fin`;
    const { event } = onlyEvent(eventToIcs({ ...base, title }, APP_URL));
    expect(event.summary).toBe(title);
  });
});

/** Every content line of a calendar (the last CRLF ends the last line). */
const linesOf = (text: string) => text.split("\r\n").slice(0, -1);
// C0 controls except none (CR and LF only appear as the CRLF line ends), DEL and C1 controls.
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

describe("RFC 5545 line folding and TEXT values", () => {
  const titles = [
    `Misión ñandú: economía circular en Áncash, Huánuco, Cajamarca y Apurímac — edición única ${"á".repeat(40)}`,
    `Reciclaje 🌱♻️🌍 ${"🌱".repeat(60)} fin`,
    "ÁÉÍÓÚÑ".repeat(30),
  ];

  test.each(titles)("every line is at most 75 octets and the title survives: %s", (title) => {
    for (const text of [
      eventToIcs({ ...base, title, summary: title }, APP_URL),
      eventToIcs({ ...base, title }, APP_URL, "es", { method: "REQUEST", organizer: { name: "Perú País Circular", email: "no-reply@peru-circular.pe" }, attendee: { name: "José Ñáñez Ümlaut".repeat(5), email: "jose@prueba.pe" } }),
      eventsFeedIcs([{ ...base, title }], APP_URL, `Eventos · ${title}`),
    ]) {
      for (const line of linesOf(text)) {
        expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
        // Folding never splits a character: each physical line is valid UTF-8 on its own.
        expect(Buffer.from(Buffer.from(line, "utf8").toString("utf8"), "utf8").equals(Buffer.from(line, "utf8"))).toBe(true);
        expect(line).not.toContain("\uFFFD");
      }
      // Continuation lines start with a single space (not a tab).
      expect(text).not.toMatch(/\r\n\t/);
      expect(text).toMatch(/\r\n [^ ]/);
    }
    expect(onlyEvent(eventToIcs({ ...base, title }, APP_URL)).event.summary).toBe(title);
  });

  test("control characters never reach TEXT values; line breaks stay escaped line breaks", () => {
    const title = "Taller\u0000 de\u0007 reciclaje\u001b[31m\u007f\u0085 \ud800 fin";
    const summary = "Primera línea\r\nSegunda\tcon tab\rTercera\u000b\u000c";
    const venueName = "Auditorio\u0008 central";
    const text = eventToIcs({ ...base, title, summary, venueName }, APP_URL);
    for (const line of linesOf(text)) expect(line).not.toMatch(CONTROL);
    const { event } = onlyEvent(text);
    expect(event.summary).toBe("Taller de reciclaje[31m  fin");
    expect(event.description).toBe(`Primera línea\nSegunda con tab\nTercera\n\n${APP_URL}/events/foro-economia-circular-2026`);
    expect(event.location?.startsWith("Auditorio central,")).toBe(true);
    const feed = eventsFeedIcs([{ ...base, title }], APP_URL, "Eventos\u0000\u0007 · Perú, País");
    for (const line of linesOf(feed)) expect(line).not.toMatch(CONTROL);
    // The calendar name is TEXT, so its comma is escaped (ical.js keeps unknown X- values raw).
    expect(parse(feed).getFirstPropertyValue("x-wr-calname")).toBe("Eventos · Perú\\, País");
  });
});

describe("scheduling messages for registrants (RFC 5546)", () => {
  const organizer = { name: "Perú País Circular", email: "no-reply@peru-circular.pe" };
  const attendee = { name: "Ana \"la\" Pérez", email: "ana@prueba.pe" };

  test("REQUEST names the organizer and the registrant, same UID", () => {
    const text = eventToIcs(base, APP_URL, "es", { method: "REQUEST", organizer, attendee });
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const { vevent, event } = onlyEvent(text);
    expect(event.uid).toBe(eventUid(42));
    expect(event.sequence).toBe(3);
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(vevent.getFirstPropertyValue("organizer")).toBe("mailto:no-reply@peru-circular.pe");
    expect(vevent.getFirstProperty("organizer")?.getParameter("cn")).toBe("Perú País Circular");
    const attendees = vevent.getAllProperties("attendee");
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0]!.getFirstValue()).toLowerCase()).toBe("mailto:ana@prueba.pe");
    expect(attendees[0]!.getParameter("partstat")).toBe("ACCEPTED");
    expect(attendees[0]!.getParameter("rsvp")).toBe("FALSE");
  });

  test("CANCEL is STATUS:CANCELLED with the same UID, whatever the row says", () => {
    const text = eventToIcs({ ...base, sequence: 4 }, APP_URL, "es", { method: "CANCEL", organizer, attendee });
    expect(parse(text).getFirstPropertyValue("method")).toBe("CANCEL");
    const { vevent, event } = onlyEvent(text);
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.uid).toBe(eventUid(42));
    expect(event.sequence).toBe(4);
  });
});

describe("eventsFeedIcs", () => {
  const events: IcsEvent[] = [
    base,
    { ...base, id: 7, slug: "taller-reciclaje", title: "Taller de reciclaje", status: "cancelled", sequence: 1 },
    { ...base, id: 9, slug: "webinar-bioeconomia", title: "Webinar de bioeconomía", format: "online", sequence: 0 },
  ];

  test("holds one VEVENT per event with distinct UIDs and the calendar name", () => {
    const text = eventsFeedIcs(events, APP_URL, "Eventos · Perú País Circular");
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Eventos · Perú País Circular");
    const vevents = calendar.getAllSubcomponents("vevent");
    expect(vevents).toHaveLength(3);
    const uids = vevents.map((v) => new ICAL.Event(v).uid);
    expect(uids).toEqual([eventUid(42), eventUid(7), eventUid(9)]);
    expect(new Set(uids).size).toBe(3);
    expect(vevents.map((v) => v.getFirstPropertyValue("status"))).toEqual(["CONFIRMED", "CANCELLED", "CONFIRMED"]);
    expect(vevents.map((v) => v.getFirstPropertyValue("url"))).toEqual([
      `${APP_URL}/events/foro-economia-circular-2026`,
      `${APP_URL}/events/taller-reciclaje`,
      `${APP_URL}/events/webinar-bioeconomia`,
    ]);
  });

  test("an empty feed is still a valid calendar", () => {
    const text = eventsFeedIcs([], APP_URL, "Eventos");
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    const calendar = parse(text);
    expect(calendar.name).toBe("vcalendar");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Eventos");
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(0);
  });
});
