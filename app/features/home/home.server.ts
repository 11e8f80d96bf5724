import type { SessionUser } from "#app/.server/auth/index.ts";
import { homeDiscussions } from "#app/.server/discussions/index.ts";
import { homeEvents } from "#app/.server/events/index.ts";
import { homeInitiatives } from "#app/.server/initiatives/index.ts";
import { homeOrganisations, mayActFor } from "#app/.server/organisations/index.ts";
import { versionedCache } from "#app/.server/versioned-cache.ts";

/**
 * What every visitor sees on the home page: the live figures (approved member organisations, Pact
 * signatories among them, regions they cover, open initiatives, upcoming events), the next
 * events, the newest initiatives seeking partners and the forum threads with the latest activity.
 * Four statements, one per feature (organisations, initiatives, events, discussions).
 */
function overviewOf(parts: {
  organisations: ReturnType<typeof homeOrganisations>;
  initiatives: ReturnType<typeof homeInitiatives>;
  events: ReturnType<typeof homeEvents>;
  discussions: ReturnType<typeof homeDiscussions>;
}) {
  return {
    figures: {
      members: parts.organisations.figures.members,
      signatories: parts.organisations.figures.signatories,
      regions: parts.organisations.figures.regions,
      openInitiatives: parts.initiatives.open,
      upcomingEvents: parts.events.upcoming,
    },
    events: parts.events.next,
    seeking: parts.initiatives.seeking,
    threads: parts.discussions.latest,
  };
}

export type HomeOverview = ReturnType<typeof overviewOf>;

/**
 * The visitors' home, computed once per minute (upcoming events change with the clock) and
 * reused until organisations, initiatives, events or discussions change: one statement (the data
 * version) when cached, five when not.
 */
const cachedOverview = versionedCache(["organisations", "initiatives", "events", "discussions"], ({ minute }: { minute: number }) =>
  overviewOf({
    organisations: homeOrganisations(null),
    initiatives: homeInitiatives(null),
    events: homeEvents(null, new Date(minute * 60_000)),
    discussions: homeDiscussions(null),
  }),
);

/** The visitors' home page data at `now` (see cachedOverview). */
export function homeOverview(now = new Date()): HomeOverview {
  return cachedOverview({ minute: Math.floor(now.getTime() / 60_000) });
}

/**
 * A signed-in person's home: the visitors' overview and, at the top, their dashboard — their
 * organisations (and those awaiting their Pact signature), their organisations' initiatives, the
 * partnership requests and invitations they must answer (as owner or manager), for coordinators
 * and admins the applications waiting for a decision and the posts in the moderation queue, their
 * registrations to events that have not ended, and the threads they follow with unread posts —
 * each list bounded to its first five, `totals` saying how many there are in all. Five statements
 * whatever the data size, so the page stays within its budget of 8 with the root loader's two:
 * the visitors' cache's version, then one per feature for the person's share — folded with the
 * public share only when the cache has none (which it then stores), so the public counts, whose
 * cost grows with the alliance, are not recomputed for every signed-in request.
 */
export function homeForUser(user: Pick<SessionUser, "id" | "role">, now = new Date()) {
  const minute = Math.floor(now.getTime() / 60_000);
  const cached = cachedOverview.lookup({ minute });
  const overview = !cached.hit;
  const moderator = user.role !== "member";
  const organisations = homeOrganisations({ userId: user.id, reviewer: moderator }, { overview });
  const acting = organisations.mine.filter(mayActFor);
  const initiatives = homeInitiatives(
    { orgIds: acting.map((m) => m.id), managerOrgIds: acting.filter((m) => m.role !== "member").map((m) => m.id) },
    { overview },
  );
  // The minute, as the visitors' overview has it, so what is stored is what a visitor would get.
  const events = homeEvents(user.id, new Date(minute * 60_000), { overview });
  const discussions = homeDiscussions({ userId: user.id, moderator }, { overview });
  return {
    overview: cached.hit ? cached.value : cachedOverview.store({ minute }, cached.version, overviewOf({ organisations, initiatives, events, discussions })),
    dashboard: {
      organisations: organisations.mine.map((m) => ({ slug: m.slug, name: m.name, status: m.status, role: m.role, awaitingPact: m.status === "approved" && !m.pactSigned })),
      applicationsWaiting: organisations.applicationsWaiting,
      moderationWaiting: discussions.moderationWaiting,
      initiatives: initiatives.initiatives,
      requests: initiatives.requests,
      invitations: initiatives.invitations,
      registrations: events.registrations,
      unreadThreads: discussions.unread,
      /** How many rows each list holds in all; the lists show at most five (HOME_WORK, HOME_REGISTRATIONS, HOME_UNREAD_THREADS). */
      totals: { ...initiatives.counts, registrations: events.registrationCount, unreadThreads: discussions.unreadCount },
    },
  };
}

export type HomeDashboard = ReturnType<typeof homeForUser>["dashboard"];
