// The home page (issue 11): live figures against a fixture built by hand, and the signed-in
// dashboard, which shows a person's own things and nobody else's.
import { beforeAll, describe, expect, test } from "vitest";
import "#app/.server/discussion-parents.ts";
import { ensureDefaultCategories, flagPost, moderationQueue, reply, setFollowingThread, startThread } from "#app/.server/discussions/index.ts";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import { cancelEvent, register } from "#app/.server/events/mutations.ts";
import { myWork, proposeInitiative } from "#app/.server/initiatives/index.ts";
import { requestToJoin } from "#app/.server/initiatives/mutations.ts";
import { signPact } from "#app/.server/organisations/mutations.ts";
import { homeForUser, homeOverview } from "#app/features/home/home.server.ts";
import type { InitiativeStatus } from "#app/features/initiatives/taxonomy.ts";
import { loader as homeLoader } from "#app/routes/_index.tsx";
import { loader as myWorkLoader } from "#app/routes/my-work.tsx";
import { loader as eventsLoader } from "#app/routes/events._index.tsx";
import { eventInput } from "#tests/factories/events.ts";
import { callRoute } from "./call-route.ts";
import { countQueries } from "./count-queries.ts";
import { categoryBySlug, makeSettledPerson } from "./discussion-world.ts";
import { advanceTo, makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson, type Person } from "./world.ts";

type Home = {
  name: string | null;
  figures: { members: number; signatories: number; regions: number; openInitiatives: number; upcomingEvents: number };
  events: Array<{ slug: string }>;
  seeking: Array<{ slug: string }>;
  threads: Array<{ id: number; title: string }>;
  dashboard: null | {
    initiatives: Array<{ slug: string; relation: string; status: string }>;
    requests: Array<{ slug: string; organisation: string }>;
    registrations: Array<{ slug: string; status: string }>;
    unreadThreads: Array<{ id: number; unread: number; firstUnread: number }>;
    organisations: Array<{ slug: string; awaitingPact: boolean }>;
    applicationsWaiting: number;
    moderationWaiting: number;
    totals: { initiatives: number; requests: number; invitations: number; registrations: number; unreadThreads: number };
  };
};

async function home(person?: Person) {
  const result = await callRoute(homeLoader, { url: "http://localhost:3000/", cookie: person?.cookie });
  expect(result.status).toBe(200);
  return result.data as Home;
}

const w = {} as {
  ownerA: Person;
  ownerB: Person;
  coordinator: Person;
  open: { slug: string };
  draft: { slug: string };
  inProgress: { slug: string };
  upcoming: { id: number; slug: string };
  past: { slug: string };
  draftEvent: { slug: string };
  cancelledEvent: { id: number; slug: string };
  thread: number;
  regions: Set<string>;
};

beforeAll(() => {
  // Organisations: two approved (one signs the Pact), one pending and one rejected, which count nowhere.
  w.ownerA = makePerson();
  const a = makeOrganisation(w.ownerA, "approved", { hqRegion: "PIU", operatingRegions: ["PIU", "CUS"] });
  signPact(a.id, w.ownerA.user.id, { signerName: "Ana Quispe", signerPosition: "Gerenta" });
  w.ownerB = makePerson();
  const b = makeOrganisation(w.ownerB, "approved", { hqRegion: "LMA", operatingRegions: ["ARE"] });
  const pendingOwner = makePerson();
  makeOrganisation(pendingOwner, "pending", { hqRegion: "LOR", operatingRegions: ["UCA"] });
  makeOrganisation(makePerson(), "rejected", { hqRegion: "TAC", operatingRegions: ["MOQ"] });
  // Regions with members: the approved organisations' head offices and operating regions.
  w.regions = new Set(["PIU", "PIU", "CUS", "LMA", "ARE"]);

  // Initiatives: one open, one draft, one in progress (public but not seeking partners).
  const propose = (orgId: number, userId: number) => {
    const result = proposeInitiative(userId, makeInitiativeInput(orgId));
    if (!result.ok) throw new Error("propose failed");
    return result.initiative;
  };
  const open = propose(a.id, w.ownerA.user.id);
  advanceTo(open.id, w.ownerA.user.id, "open");
  w.open = open;
  w.draft = propose(a.id, w.ownerA.user.id);
  const inProgress = propose(b.id, w.ownerB.user.id);
  advanceTo(inProgress.id, w.ownerB.user.id, "in_progress");
  w.inProgress = inProgress;
  // B asks to join A's open initiative: a request waiting for A's owner.
  const asked = requestToJoin(open.id, w.ownerB.user.id, { organisationId: b.id, role: "funder", message: "Podemos cofinanciar" });
  expect(asked.ok).toBe(true);

  // Events: one upcoming and published, one past, one upcoming but still a draft, one upcoming but
  // cancelled (the listing shows it, marked cancelled).
  w.coordinator = makeSettledPerson("coordinator");
  const event = (input: Parameters<typeof eventInput>[0], publish: boolean) => {
    const created = createEvent(w.coordinator.user.id, eventInput(input));
    if (publish) expect(publishEvent(created.id).ok).toBe(true);
    return created;
  };
  w.upcoming = event({}, true);
  w.past = event({ startsAt: "2021-03-10T09:00", endsAt: "2021-03-10T13:00" }, true);
  w.draftEvent = event({}, false);
  w.cancelledEvent = event({}, true);
  expect(cancelEvent(w.cancelledEvent.id, "Lluvias").ok).toBe(true);
  const registered = register(w.upcoming.id, w.ownerA.user.id, { answers: [] });
  expect(registered.ok).toBe(true);

  // A forum thread A's owner follows, with two posts they have not read.
  ensureDefaultCategories();
  const author = makeSettledPerson();
  const started = startThread(author.user, { kind: "category", categoryId: categoryBySlug("general").id }, { title: "¿Dónde reciclar <vidrio>?", body: "Busco acopiadores en Piura." });
  if (!started.ok) throw new Error(started.reason);
  w.thread = started.threadId;
  setFollowingThread(w.ownerA.user.id, w.thread, true);
  const answer = reply(author.user, w.thread, { body: "Ya encontré uno." });
  if (!answer.ok) throw new Error(answer.reason);
  // Both posts flagged once: two posts in the moderation queue.
  expect(flagPost(makeSettledPerson().user, started.postId, "spam", "").ok).toBe(true);
  expect(flagPost(makeSettledPerson().user, answer.postId, "off_topic", "").ok).toBe(true);
});

describe("the visitors' home", () => {
  test("figures count approved members, their signatories and regions, open initiatives and upcoming published events", async () => {
    const data = await home();
    expect(data.dashboard).toBeNull();
    // Upcoming events: the published one and the cancelled one, as /events lists them; not the draft nor the past one.
    expect(data.figures).toEqual({ members: 2, signatories: 1, regions: w.regions.size, openInitiatives: 1, upcomingEvents: 2 });
  });

  test("the upcoming events figure counts what the page it links to (/events) lists", async () => {
    const listing = await callRoute(eventsLoader, { url: "http://localhost:3000/events" });
    const { total, rows } = listing.data as { total: number; rows: Array<{ slug: string }> };
    expect(rows.map((row) => row.slug).sort()).toEqual([w.upcoming.slug, w.cancelledEvent.slug].sort());
    expect((await home()).figures.upcomingEvents).toBe(total);
    expect((await home(w.ownerB)).figures.upcomingEvents).toBe(total);
  });

  test("lists the next published events, the open initiatives and the latest forum threads, nothing unpublished", async () => {
    const data = await home();
    expect(data.events.map((e) => e.slug)).toEqual([w.upcoming.slug]);
    expect(data.seeking.map((i) => i.slug)).toEqual([w.open.slug]);
    expect(data.threads.map((t) => t.id)).toEqual([w.thread]);
  });

  test("a new approved organisation changes the cached figures at once", async () => {
    const before = (await home()).figures.members;
    makeOrganisation(makePerson(), "approved", { hqRegion: "PIU" });
    expect((await home()).figures.members).toBe(before + 1);
  });
});

describe("the signed-in dashboard", () => {
  test("shows the member's organisation's initiatives, the request waiting, their registration and the followed thread with unread posts", async () => {
    const data = await home(w.ownerA);
    expect(data.name).toBe(w.ownerA.user.name);
    const d = data.dashboard!;
    expect(d.initiatives.map((i) => i.slug).sort()).toEqual([w.open.slug, w.draft.slug].sort());
    expect(d.requests.map((r) => r.slug)).toEqual([w.open.slug]);
    expect(d.registrations).toEqual([expect.objectContaining({ slug: w.upcoming.slug, status: "confirmed" })]);
    expect(d.unreadThreads).toEqual([expect.objectContaining({ id: w.thread, unread: 2, firstUnread: 1 })]);
    // A signed the Pact: nothing to sign.
    expect(d.organisations.every((o) => !o.awaitingPact)).toBe(true);
    // The public part is there too.
    expect(data.figures.openInitiatives).toBe(1);
  });

  test("My work lists the registrations and unread followed threads the dashboard shows, each person their own", async () => {
    const workOf = async (person: Person) =>
      (await callRoute(myWorkLoader, { url: "http://localhost:3000/my-work", cookie: person.cookie })).data as {
        registrations: Array<{ slug: string }>;
        unreadThreads: Array<{ id: number; firstUnread: number; unread: number }>;
      };
    const a = await workOf(w.ownerA);
    expect(a.registrations.map((r) => r.slug)).toEqual([w.upcoming.slug]);
    expect(a.unreadThreads).toEqual([expect.objectContaining({ id: w.thread, unread: 2, firstUnread: 1 })]);
    const b = await workOf(w.ownerB);
    expect(b.unreadThreads.map((t) => t.id)).not.toContain(w.thread);
  });

  test("another member's dashboard shows their own things, none of A's", async () => {
    const d = (await home(w.ownerB)).dashboard!;
    expect(d.initiatives.map((i) => i.slug)).toEqual([w.inProgress.slug]);
    expect(d.requests).toEqual([]);
    expect(d.registrations).toEqual([]);
    expect(d.unreadThreads).toEqual([]);
    // B has not signed the Pact: its owner is told.
    expect(d.organisations).toEqual([expect.objectContaining({ awaitingPact: true })]);
  });

  test("coordinators see how many applications wait for a decision", async () => {
    const d = (await home(w.coordinator)).dashboard!;
    expect(d.applicationsWaiting).toBe(1);
    expect((await home(w.ownerA)).dashboard!.applicationsWaiting).toBe(0);
  });

  test("coordinators see how many posts wait in the moderation queue, members do not", async () => {
    const d = (await home(w.coordinator)).dashboard!;
    expect(d.moderationWaiting).toBe(2);
    expect(d.moderationWaiting).toBe(moderationQueue(1).total);
    expect((await home(w.ownerA)).dashboard!.moderationWaiting).toBe(0);
  });

  test("a coordinator's home costs the same statements as a member's", () => {
    const member = countQueries(() => homeForUser(w.ownerA.user));
    expect(countQueries(() => homeForUser(w.coordinator.user))).toBe(member);
    // The visitors' cache's version, then one statement per feature.
    expect(member).toBeLessThanOrEqual(5);
  });

  test("signed in, the public overview is the visitors' one, from their cache when it has it, and follows writes", () => {
    const now = new Date();
    const visitors = homeOverview(now);
    expect(homeForUser(w.ownerA.user, now).overview).toEqual(visitors);
    // Computed by a signed-in request when the cache had nothing: stored, and then what visitors get.
    const later = new Date(now.getTime() + 120_000);
    const signedIn = homeForUser(w.ownerA.user, later).overview;
    expect(homeOverview(later)).toBe(signedIn);
    // A new member organisation changes the figures for the signed in too.
    makeOrganisation(makePerson(), "approved", { hqRegion: "TAC" });
    const after = homeForUser(w.ownerA.user, later).overview.figures;
    expect(after.members).toBe(signedIn.figures.members + 1);
  });
});

describe("the dashboard's lists are bounded", () => {
  const c = {} as { owner: Person; active: string[]; draft: string; completed: string; cancelled: string[]; events: string[] };

  beforeAll(() => {
    // C leads seven initiatives; two cancelled ones come first by title. C's owner registers for six events.
    c.owner = makePerson();
    const org = makeOrganisation(c.owner, "approved", { hqRegion: "CUS" });
    const initiative = (title: string, status: InitiativeStatus) => {
      const result = proposeInitiative(c.owner.user.id, makeInitiativeInput(org.id, { title }));
      if (!result.ok) throw new Error("propose failed");
      advanceTo(result.initiative.id, c.owner.user.id, status);
      return result.initiative.slug;
    };
    c.cancelled = [initiative("A cancelada", "cancelled"), initiative("B cancelada", "cancelled")];
    c.completed = initiative("C concluida", "completed");
    c.draft = initiative("D borrador", "draft");
    c.active = [initiative("E abierta", "open"), initiative("F en curso", "in_progress"), initiative("G abierta", "open")];
    c.events = Array.from({ length: 6 }, (_, i) => {
      const created = createEvent(w.coordinator.user.id, eventInput({ startsAt: `2099-05-0${i + 1}T09:00`, endsAt: `2099-05-0${i + 1}T13:00` }));
      expect(publishEvent(created.id).ok).toBe(true);
      expect(register(created.id, c.owner.user.id, { answers: [] }).ok).toBe(true);
      return created.slug;
    });
  });

  test("five initiatives at most, the active ones first, then the draft and the completed one; the total is what /my-work lists", async () => {
    const d = (await home(c.owner)).dashboard!;
    expect(d.initiatives).toHaveLength(5);
    expect(new Set(d.initiatives.slice(0, 3).map((i) => i.slug))).toEqual(new Set(c.active));
    expect(d.initiatives.slice(3).map((i) => i.slug)).toEqual([c.draft, c.completed]);
    expect(d.totals.initiatives).toBe(7);
    expect(d.totals.initiatives).toBe(myWork(c.owner.user.id).initiatives.length);
  });

  test("five registrations at most, soonest first, with how many there are; My work lists them all", async () => {
    const d = (await home(c.owner)).dashboard!;
    expect(d.registrations.map((r) => r.slug)).toEqual(c.events.slice(0, 5));
    expect(d.totals.registrations).toBe(6);
    // The dashboard's "see 1 more in My work" leads to the whole list.
    const work = (await callRoute(myWorkLoader, { url: "http://localhost:3000/my-work", cookie: c.owner.cookie })).data as { registrations: Array<{ slug: string }> };
    expect(work.registrations.map((r) => r.slug)).toEqual(c.events);
  });
});
