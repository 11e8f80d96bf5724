import { afterAll, beforeAll, expect, test } from "vitest";
import { updateProfile } from "#app/.server/auth/index.ts";
import { addSession, cancelEventAndNotify, createEvent, publishEvent, registerAndNotify } from "#app/.server/events/index.ts";
import { findEventById } from "#app/.server/events/queries.ts";
import { icsText } from "#app/.server/events/ics.ts";
import { XSS_PROBES, type XssProbe } from "#tests/fixtures/xss-payloads.ts";
import { eventInput } from "#tests/factories/events.ts";
import { makeSettledPerson } from "#tests/integration/discussion-world.ts";
import { makeOrganisation, type Person } from "#tests/integration/world.ts";
import { sessionTokenOf } from "./authz/world.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";
import { looksLikeFormula, parseCsv, parseIcs } from "./xss/formats.ts";
import { bareField, packedFields, probeGroups, writeField, XssSuite, type FieldWrite, type PageSpec } from "./xss/suite.ts";

// XSS in events (issue 14): an event's title, summary, description (markdown), venue, address and
// city, its sessions (title, description, room) and speakers (name, role, organisation), its
// registration questions and the answers registrants give, the cancellation reason, the online
// link, and the names of registrants and their organisations — written with every probe through
// the events feature's own functions, a sample through the real edit form; then the event's page
// (to anyone, to a member about to register, to a registrant), the coordinators' edit and
// attendees pages, the attendees' CSV, the calendar files and the Atom feed.

let server: BuiltServer;
let suite: XssSuite;
const groups = probeGroups(16);

type EventRecord = {
  slug: string;
  cancelled: boolean;
  fields: Record<
    | "title"
    | "summary"
    | "description"
    | "venueName"
    | "venueAddress"
    | "city"
    | "sessionTitle"
    | "sessionDescription"
    | "room"
    | "registrant"
    | "organisation",
    FieldWrite
  > & {
    cancelReason?: FieldWrite;
    onlineUrl?: FieldWrite;
  };
  questions: FieldWrite[];
  answers: FieldWrite[];
  speakers: FieldWrite[];
  registrantToken: string;
};
const events: EventRecord[] = [];
/** Online events whose link is one URL probe, and the registrant who sees it. */
const online: Array<{ slug: string; link: FieldWrite }> = [];
let onlineRegistrant: Person;
let coordinatorToken: string;
let member: Person;

// One line each (questions and speakers are written one a line, speakers' parts split at "|").
const oneLine = (probes: readonly XssProbe[]) => probes.filter((p) => !/[\r\n|]/.test(p.text));

beforeAll(async () => {
  const coordinator = makeSettledPerson("coordinator");
  coordinatorToken = sessionTokenOf(coordinator);
  member = makeSettledPerson();
  let day = 1;
  for (const [i, probes] of groups.entries()) {
    const w = (field: string, markdown = false) => writeField(field, probes, { markdown });
    const fields = {
      title: w("event.title"),
      summary: w("event.summary"),
      description: w("event.description", true),
      venueName: w("event.venueName"),
      venueAddress: w("event.venueAddress"),
      city: w("event.city"),
      sessionTitle: w("session.title"),
      sessionDescription: w("session.description"),
      room: w("session.room"),
      registrant: w("person.name"),
      organisation: w("organisation.name"),
    };
    const questions = packedFields("event.question", 200, { probes: oneLine(probes) });
    const answers = questions.map((q) => writeField("registration.answer", q.probes));
    const speakerParts = (["speaker.name", "speaker.role", "speaker.organisation"] as const).map((field) =>
      packedFields(field, 150, { probes: oneLine(probes) })
    );
    // A line per speaker: "name | role | organisation" (as many lines as the longest of the three needs; a blank name drops its line, so every line has one).
    const lines = Math.max(...speakerParts.map((parts) => parts.length));
    const speakerLines = Array.from({ length: lines }, (_, n) =>
      [speakerParts[0]![n]?.text ?? `zq ponente ${n}`, speakerParts[1]![n]?.text ?? "", speakerParts[2]![n]?.text ?? ""].join(" | ")
    );
    // Online too, for the events that stay on: the link (two groups of probes) is shown to registrants as text.
    const onlineUrl = i % 2 === 0 ? writeField("event.onlineUrl", [...probes, ...(groups[i + 1] ?? [])]) : undefined;
    const start = `2031-04-${String(day).padStart(2, "0")}`;
    day += 1;
    const created = createEvent(
      coordinator.user.id,
      eventInput({
        title: fields.title.text,
        summary: fields.summary.text,
        description: fields.description.text,
        venueName: fields.venueName.text,
        venueAddress: fields.venueAddress.text,
        city: fields.city.text,
        questions: questions.map((q) => q.text).join("\n"),
        ...(onlineUrl ? { format: "hybrid" as const, onlineUrl: onlineUrl.text } : {}),
        startsAt: `${start}T09:00`,
        endsAt: `${start}T13:00`,
      })
    );
    publishEvent(created.id);
    addSession(created.id, {
      startsAt: `${start}T09:30`,
      endsAt: `${start}T10:30`,
      title: fields.sessionTitle.text,
      description: fields.sessionDescription.text,
      room: fields.room.text,
      speakers: speakerLines.join("\n"),
    });
    const registrant = makeSettledPerson();
    updateProfile(registrant.user.id, { name: fields.registrant.text, locale: "es" });
    const organisation = makeOrganisation(registrant, "approved", { name: fields.organisation.text });
    const registered = await registerAndNotify(findEventById(created.id)!, registrant.user.id, {
      organisationId: organisation.id,
      answers: answers.map((a) => a.text),
    });
    if (!registered.ok) throw new Error(`could not register: ${JSON.stringify(registered)}`);
    const cancelled = i % 2 === 1;
    const record: EventRecord = {
      slug: created.slug,
      cancelled,
      fields: { ...fields, ...(onlineUrl ? { onlineUrl } : {}) },
      questions,
      answers,
      speakers: speakerParts.flat(),
      registrantToken: sessionTokenOf(registrant),
    };
    if (cancelled) {
      // Half the events are cancelled: each reason carries two groups of probes, so all are shown.
      record.fields.cancelReason = writeField("event.cancelReason", [...groups[i - 1]!, ...probes]);
      await cancelEventAndNotify(findEventById(created.id)!, record.fields.cancelReason.text);
    }
    events.push(record);
  }
  onlineRegistrant = makeSettledPerson();
  for (const probe of XSS_PROBES.filter((p) => p.family === "scheme")) {
    const link = bareField("event.onlineUrl", probe);
    const start = `2031-05-${String(online.length + 1).padStart(2, "0")}`;
    const created = createEvent(
      coordinator.user.id,
      eventInput({
        format: "online",
        onlineUrl: link.text,
        venueName: undefined,
        venueAddress: undefined,
        city: undefined,
        region: undefined,
        startsAt: `${start}T09:00`,
        endsAt: `${start}T10:00`,
      })
    );
    publishEvent(created.id);
    await registerAndNotify(findEventById(created.id)!, onlineRegistrant.user.id, { answers: [] });
    online.push({ slug: created.slug, link });
  }
  server = await startBuiltServer();
  suite = new XssSuite("events", server);
  await suite.start();
});

afterAll(async () => {
  suite?.record();
  await suite?.close();
  await server?.stop();
});

const check = async (specs: PageSpec[]) => {
  for (const spec of specs) await suite.checkPage(spec);
};

test("an event's page to anyone: every field, its session and speakers, the cancellation reason", async () => {
  const faults = await suite.faultsOf(() =>
    check(
      events.map((e) => ({
        path: `/events/${e.slug}`,
        as: null,
        who: "anonymous",
        shows: [
          ...(["title", "summary", "venueName", "venueAddress", "city", "sessionTitle", "sessionDescription", "room"] as const).map((f) => ({
            write: e.fields[f],
            plain: true,
          })),
          { write: e.fields.description },
          ...e.speakers.map((write) => ({ write, plain: true })),
          ...(e.fields.cancelReason ? [{ write: e.fields.cancelReason, plain: true }] : []),
        ],
      }))
    )
  );
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the registration form's questions to a member, the online link to a registrant", async () => {
  const faults = await suite.faultsOf(async () => {
    await check(
      events
        .filter((e) => !e.cancelled)
        .map((e) => ({ path: `/events/${e.slug}`, as: sessionTokenOf(member), who: "member", shows: e.questions.map((write) => ({ write, plain: true })) }))
    );
    await check(
      online.map((o) => ({ path: `/events/${o.slug}`, as: sessionTokenOf(onlineRegistrant), who: "registrant", shows: [{ write: o.link, plain: true }] }))
    );
    await check(
      events
        .filter((e) => e.fields.onlineUrl)
        .map((e) => ({ path: `/events/${e.slug}`, as: e.registrantToken, who: "registrant", shows: [{ write: e.fields.onlineUrl!, plain: true }] }))
    );
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("registrants told of a cancellation read the reason in their notifications; the demo outbox shows the mail", async () => {
  const faults = await suite.faultsOf(async () => {
    await check(
      events
        .filter((e) => e.cancelled)
        .map((e) => ({
          path: "/notifications",
          as: e.registrantToken,
          who: "registrant",
          shows: [
            { write: e.fields.title, plain: true },
            { write: e.fields.cancelReason!, plain: true },
          ],
        }))
    );
    // The outbox (demo mail mode, open to anyone) lists the latest 50 messages: tickets with calendar files, cancellations.
    const cancelled = events.filter((e) => e.cancelled).slice(-2);
    await check([
      { path: "/dev/outbox", as: null, who: "anonymous", shows: cancelled.flatMap((e) => [{ write: e.fields.cancelReason! }, { write: e.fields.title }]) },
    ]);
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the coordinators' edit and attendees pages: the form's values, registrants, their organisations and answers", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const e of events) {
      await check([
        {
          path: `/events/${e.slug}/edit`,
          as: coordinatorToken,
          who: "coordinator",
          shows: [
            ...(["title", "summary", "description", "venueName", "venueAddress", "city", "sessionTitle"] as const).map((f) => ({
              write: e.fields[f],
              plain: true,
            })),
            ...e.questions.map((write) => ({ write, plain: true })),
          ],
        },
        {
          path: `/events/${e.slug}/attendees`,
          as: coordinatorToken,
          who: "coordinator",
          shows: [
            { write: e.fields.registrant, plain: true },
            { write: e.fields.organisation, plain: true },
            ...e.questions.map((write) => ({ write, plain: true })),
            ...e.answers.map((write) => ({ write, plain: true })),
          ],
        },
      ]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the attendees' CSV keeps each name and answer in its own cell", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const e of events) {
      const answer = await suite.client(coordinatorToken).get(`/events/${e.slug}/attendees.csv`);
      expect(answer.status).toBe(200);
      const rows = parseCsv(answer.body);
      const header = rows[0]!;
      const expected = (text: string) => (looksLikeFormula(text) ? `'${text}` : text);
      expect(header.slice(-e.questions.length)).toEqual(e.questions.map((q) => expected(q.text)));
      const row = rows.find((r) => r[0] === expected(e.fields.registrant.text));
      if (!row) {
        suite.fault(`/events/${e.slug}/attendees.csv`, "csv:cell", "the registrant's name is not a cell of its own");
        continue;
      }
      expect(row.length).toBe(header.length);
      expect(row.slice(-e.answers.length)).toEqual(e.answers.map((a) => expected(a.text)));
      expect(row[2]).toBe(expected(e.fields.organisation.text));
      suite.formatChecks += e.fields.registrant.probes.length * 2 + e.answers.reduce((n, a) => n + a.probes.length, 0);
      suite.noteShown(e.fields.registrant.field, e.fields.registrant.probes);
      for (const a of e.answers) suite.noteShown(a.field, a.probes);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("calendar files: each text in its own property, line breaks escaped, nothing else added", async () => {
  // Properties ical-generator writes for these events (RFC 5545); a forged line would add another.
  const ALLOWED = new Set([
    "BEGIN",
    "END",
    "VERSION",
    "PRODID",
    "METHOD",
    "NAME",
    "X-WR-CALNAME",
    "TIMEZONE-ID",
    "X-WR-TIMEZONE",
    "UID",
    "SEQUENCE",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "LOCATION",
    "DESCRIPTION",
    "URL",
    "STATUS",
    "LAST-MODIFIED",
    "X-PUBLISHED-TTL",
    "REFRESH-INTERVAL",
    "CLASS",
    "TRANSP",
  ]);
  const faults = await suite.faultsOf(async () => {
    const feed = await suite.client(null).get("/events.ics");
    expect(feed.status).toBe(200);
    const feedProperties = parseIcs(feed.body);
    for (const e of events) {
      const answer = await suite.client(null).get(`/events/${e.slug}/calendar.ics`);
      expect(answer.status).toBe(200);
      let properties;
      try {
        properties = parseIcs(answer.body);
      } catch (error) {
        suite.fault(`/events/${e.slug}/calendar.ics`, "ics:line", String(error));
        continue;
      }
      for (const p of properties) if (!ALLOWED.has(p.name)) suite.fault(`/events/${e.slug}/calendar.ics`, "ics:property", `unexpected ${p.raw.slice(0, 100)}`);
      const summary = properties.find((p) => p.name === "SUMMARY")?.value;
      if (summary !== icsText(e.fields.title.text)) suite.fault(`/events/${e.slug}/calendar.ics`, "ics:summary", JSON.stringify(summary).slice(0, 120));
      const location = properties.find((p) => p.name === "LOCATION")?.value ?? "";
      for (const f of ["venueName", "venueAddress", "city"] as const) {
        if (!location.includes(icsText(e.fields[f].text))) suite.fault(`/events/${e.slug}/calendar.ics`, "ics:location", `${f} is not in LOCATION`);
      }
      if (!feedProperties.some((p) => p.name === "SUMMARY" && p.value === icsText(e.fields.title.text)))
        suite.fault("/events.ics", "ics:summary", `${e.slug} is not in the feed`);
      suite.formatChecks += e.fields.title.probes.length * 5;
    }
    for (const p of feedProperties) if (!ALLOWED.has(p.name)) suite.fault("/events.ics", "ics:property", `unexpected ${p.raw.slice(0, 100)}`);
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the events list, search and the Atom feed", async () => {
  const faults = await suite.faultsOf(async () => {
    await check(
      events.map((e, i) => ({
        path: `/events?q=${e.fields.title.tag}`,
        as: null,
        who: "anonymous",
        shows: [{ write: e.fields.title, plain: true }],
        browser: i < 4,
      }))
    );
    await check(
      events.map((e, i) => ({ path: `/search?q=${e.fields.title.tag}`, as: null, who: "anonymous", shows: [{ write: e.fields.title }], browser: i < 4 }))
    );
    const feed = await suite.client(null).get("/events.atom");
    expect(feed.status).toBe(200);
    await suite.checkAtom(
      "/events.atom",
      feed.body,
      events.slice(-4).map((e) => ({ write: e.fields.title, as: "title" as const }))
    );
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("through the real edit form: probes saved and shown escaped; unknown organisers echoed back escaped", async () => {
  const e = events[0]!;
  const client = suite.client(coordinatorToken);
  const faults = await suite.faultsOf(async () => {
    const probes = XSS_PROBES.filter((p) => p.text.length <= 120);
    const title = packedFields("event.title", 150, { probes })[0]!;
    const summary = packedFields("event.summary", 300, { probes })[0]!;
    const description = writeField("event.description", probes.slice(0, 80), { markdown: true });
    const venueName = packedFields("event.venueName", 200, { probes: probes.slice(20) })[0]!;
    const form = {
      title: title.text,
      type: "training",
      summary: summary.text,
      description: description.text,
      startsAt: "2031-04-01T09:00",
      endsAt: "2031-04-01T13:00",
      format: "in_person",
      venueName: venueName.text,
      venueAddress: "Av. La Cultura 123",
      city: "Cusco",
      region: "CUS",
      capacity: "20",
      questions: e.questions.map((q) => q.text).join("\n"),
    };
    const saved = await client.post(`/events/${e.slug}/edit`, form);
    expect(saved.status, saved.body.slice(0, 300)).toBe(302);
    suite.formWrites += 4;
    await check([
      {
        path: `/events/${e.slug}`,
        as: null,
        who: "anonymous after the form",
        shows: [{ write: title, plain: true }, { write: summary, plain: true }, { write: description }, { write: venueName, plain: true }],
      },
    ]);
    // Organisers named by hand that are no member organisation: the 400 names them back.
    for (const names of packedFields("event.organiserNames (refused)", 300, { probes: XSS_PROBES.filter((p) => !/[,\n]/.test(p.text)) })) {
      const refused = await client.post(`/events/${e.slug}/edit`, { ...form, organiserNames: names.text });
      expect(refused.status).toBe(400);
      suite.checkHtml("coordinator POST /events/…/edit (400, unknown organisers)", refused.body, [{ write: names }]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});
