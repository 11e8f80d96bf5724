import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import {
  indicatorTotals,
  initiativeDetail,
  initiativeFacets,
  initiativesPage,
  myWork,
  proposeInitiative,
  roadmapSummary,
} from "#app/.server/initiatives/index.ts";
import {
  changeInitiativeStatus,
  invitePartner,
  leavePartnership,
  postProgressUpdate,
  requestToJoin,
  respondToPartnership,
} from "#app/.server/initiatives/mutations.ts";
import { parseInitiativeFilters } from "#app/features/initiatives/filters.ts";
import { summariseRoadmaps } from "#app/features/initiatives/roadmap-lines.tsx";
import { setSuspension } from "#app/.server/organisations/index.ts";
import { advanceTo, makeInitiativeInput } from "./initiative-world.ts";
import { countQueries } from "./count-queries.ts";
import { makeOrganisation, makePerson } from "./world.ts";

function leadWithInitiative(overrides: Parameters<typeof makeInitiativeInput>[1] = {}) {
  const owner = makePerson();
  const lead = makeOrganisation(owner, "approved");
  const result = proposeInitiative(owner.user.id, makeInitiativeInput(lead.id, overrides));
  if (!result.ok) throw new Error("propose failed");
  return { owner, lead, initiative: result.initiative };
}

describe("proposing", () => {
  test("a draft is created with its needs; money is stored as integer céntimos", () => {
    const { initiative } = leadWithInitiative({ financingAmount: "1234.5" });
    const row = db.select().from(schema.initiatives).where(eq(schema.initiatives.id, initiative.id)).get()!;
    expect(row.status).toBe("draft");
    const financing = db.select().from(schema.initiativeNeeds).where(eq(schema.initiativeNeeds.initiativeId, initiative.id)).all().find((n) => n.kind === "financing")!;
    expect(financing.amountCents).toBe(123450);
    expect(Number.isInteger(financing.amountCents)).toBe(true);
  });

  test("only members of an approved organisation can propose for it", () => {
    const stranger = makePerson();
    const { lead } = leadWithInitiative();
    expect(proposeInitiative(stranger.user.id, makeInitiativeInput(lead.id))).toEqual({ ok: false, error: "cannotActFor" });
    const owner = makePerson();
    const suspended = makeOrganisation(owner, "suspended");
    expect(proposeInitiative(owner.user.id, makeInitiativeInput(suspended.id))).toEqual({ ok: false, error: "cannotActFor" });
  });
});

describe("lifecycle", () => {
  test("draft → open → in progress → completed, each change dated on the timeline", () => {
    const { owner, initiative } = leadWithInitiative();
    for (const to of ["open", "in_progress", "completed"] as const) {
      expect(changeInitiativeStatus(initiative.id, owner.user.id, to).ok).toBe(true);
    }
    const timeline = initiativeDetail(initiative.id, undefined).timeline.map((e) => [e.from, e.to]);
    expect(timeline).toEqual([
      [null, "draft"],
      ["draft", "open"],
      ["open", "in_progress"],
      ["in_progress", "completed"],
    ]);
    const row = db.select().from(schema.initiatives).where(eq(schema.initiatives.id, initiative.id)).get()!;
    expect(row.publishedAt).not.toBeNull();
  });

  test("illegal moves are refused and change nothing", () => {
    const { owner, initiative } = leadWithInitiative();
    expect(changeInitiativeStatus(initiative.id, owner.user.id, "completed")).toEqual({ ok: false, error: "illegalTransition", from: "draft" });
    expect(changeInitiativeStatus(initiative.id, owner.user.id, "in_progress")).toMatchObject({ ok: false, error: "illegalTransition" });
    advanceTo(initiative.id, owner.user.id, "cancelled");
    for (const to of ["open", "in_progress", "completed", "draft"] as const) {
      expect(changeInitiativeStatus(initiative.id, owner.user.id, to)).toMatchObject({ ok: false, error: "illegalTransition", from: "cancelled" });
    }
    expect(initiativeDetail(initiative.id, undefined).timeline).toHaveLength(3);
  });

  test("members (not owners/editors) of the lead cannot change the status", () => {
    const { initiative, lead } = leadWithInitiative();
    const member = makePerson();
    db.insert(schema.organisationMembers).values({ organisationId: lead.id, userId: member.user.id, role: "member" }).run();
    expect(changeInitiativeStatus(initiative.id, member.user.id, "open")).toEqual({ ok: false, error: "cannotActFor" });
  });
});

describe("partners", () => {
  function openInitiativeWithCandidate() {
    const base = leadWithInitiative();
    advanceTo(base.initiative.id, base.owner.user.id, "open");
    const candidateOwner = makePerson();
    const candidate = makeOrganisation(candidateOwner, "approved");
    return { ...base, candidateOwner, candidate };
  }

  test("request → accept → leave → request again → accept", () => {
    const { owner, initiative, candidate, candidateOwner } = openInitiativeWithCandidate();
    const first = requestToJoin(initiative.id, candidateOwner.user.id, { organisationId: candidate.id, role: "funder", message: "Podemos cofinanciar" });
    if (!first.ok) throw new Error("request failed");
    // A second request while one is live is refused.
    expect(requestToJoin(initiative.id, candidateOwner.user.id, { organisationId: candidate.id, role: "funder", message: "" })).toEqual({
      ok: false,
      error: "alreadyInvolved",
    });
    // Only the lead answers a request; the requester cannot accept its own.
    expect(respondToPartnership(first.partnerId, candidateOwner.user.id, "accept")).toEqual({ ok: false, error: "cannotActFor" });
    expect(respondToPartnership(first.partnerId, owner.user.id, "accept")).toMatchObject({ ok: true });
    expect(respondToPartnership(first.partnerId, owner.user.id, "decline")).toEqual({ ok: false, error: "notPending" });
    expect(leavePartnership(first.partnerId, owner.user.id)).toEqual({ ok: false, error: "cannotActFor" });
    expect(leavePartnership(first.partnerId, candidateOwner.user.id)).toMatchObject({ ok: true });
    expect(leavePartnership(first.partnerId, candidateOwner.user.id)).toEqual({ ok: false, error: "notActive" });
    // After leaving, the organisation may ask again, and be accepted again.
    const second = requestToJoin(initiative.id, candidateOwner.user.id, { organisationId: candidate.id, role: "supporter", message: "" });
    if (!second.ok) throw new Error("second request failed");
    expect(respondToPartnership(second.partnerId, owner.user.id, "accept").ok).toBe(true);
    const states = initiativeDetail(initiative.id, undefined).partners.map((p) => p.state);
    expect(states).toEqual(["left", "active"]);
  });

  test("an invitation is answered by the invited organisation, and a decline allows a new one", () => {
    const { owner, initiative, candidate, candidateOwner } = openInitiativeWithCandidate();
    const invite = invitePartner(initiative.id, owner.user.id, { organisationId: candidate.id, role: "technical", message: "" });
    if (!invite.ok) throw new Error("invite failed");
    expect(respondToPartnership(invite.partnerId, owner.user.id, "accept")).toEqual({ ok: false, error: "cannotActFor" });
    expect(respondToPartnership(invite.partnerId, candidateOwner.user.id, "decline", "Ahora no")).toMatchObject({ ok: true });
    expect(invitePartner(initiative.id, owner.user.id, { organisationId: candidate.id, role: "technical", message: "" }).ok).toBe(true);
  });

  test("drafts take no invitations, and an answer only counts on its own initiative", () => {
    const draft = leadWithInitiative();
    const guestOwner = makePerson();
    const guest = makeOrganisation(guestOwner, "approved");
    expect(invitePartner(draft.initiative.id, draft.owner.user.id, { organisationId: guest.id, role: "funder", message: "" })).toEqual({
      ok: false,
      error: "notOpen",
    });
    const { owner, initiative, candidate, candidateOwner } = openInitiativeWithCandidate();
    const invite = invitePartner(initiative.id, owner.user.id, { organisationId: candidate.id, role: "technical", message: "" });
    if (!invite.ok) throw new Error("invite failed");
    // Answering through another initiative's page does nothing.
    expect(respondToPartnership(invite.partnerId, candidateOwner.user.id, "accept", undefined, draft.initiative.id)).toEqual({
      ok: false,
      error: "notPending",
    });
    expect(respondToPartnership(invite.partnerId, candidateOwner.user.id, "accept", undefined, initiative.id)).toMatchObject({ ok: true });
  });

  test("the lead cannot partner itself; drafts and finished initiatives take no requests", () => {
    const { owner, lead, initiative, candidate, candidateOwner } = openInitiativeWithCandidate();
    expect(requestToJoin(initiative.id, owner.user.id, { organisationId: lead.id, role: "supporter", message: "" })).toEqual({ ok: false, error: "isLead" });
    const draft = leadWithInitiative();
    expect(requestToJoin(draft.initiative.id, candidateOwner.user.id, { organisationId: candidate.id, role: "supporter", message: "" })).toEqual({
      ok: false,
      error: "notOpen",
    });
  });

  test("a suspended organisation cannot act", () => {
    const { initiative, candidate, candidateOwner } = openInitiativeWithCandidate();
    setSuspension(candidate.id, makePerson("coordinator").user.id, true, "Prueba");
    expect(requestToJoin(initiative.id, candidateOwner.user.id, { organisationId: candidate.id, role: "supporter", message: "" })).toEqual({
      ok: false,
      error: "cannotActFor",
    });
  });
});

describe("progress and indicators", () => {
  test("updates add up per initiative and per roadmap line, as integers", () => {
    const { owner, lead, initiative } = leadWithInitiative({ roadmap: "industry", approach: "innovation_financing" });
    advanceTo(initiative.id, owner.user.id, "in_progress");
    const post = (indicators: Record<string, string>) =>
      postProgressUpdate(initiative.id, owner.user.id, { organisationId: lead.id, reportedOn: "2026-03-01", body: "Avance", indicators });
    expect(post({ waste_diverted_t: "12.5", jobs_created: "3", pen_invested: "1500.75" }).ok).toBe(true);
    expect(post({ waste_diverted_t: "0.25", jobs_created: "2" }).ok).toBe(true);
    expect(indicatorTotals([initiative.id])).toEqual({ waste_diverted_t: 12750, jobs_created: 5, pen_invested: 150075 });
    const line = summariseRoadmaps(roadmapSummary()).find((l) => l.roadmap === "industry" && l.approach === "innovation_financing")!;
    expect(line.count).toBeGreaterThanOrEqual(1);
    expect(line.totals.waste_diverted_t).toBeGreaterThanOrEqual(12750);
  });

  test("an unrelated organisation cannot post; a draft takes no updates", () => {
    const { owner, lead, initiative } = leadWithInitiative();
    const outsider = makePerson();
    const other = makeOrganisation(outsider, "approved");
    expect(postProgressUpdate(initiative.id, owner.user.id, { organisationId: lead.id, reportedOn: "2026-03-01", body: "x", indicators: {} })).toEqual({
      ok: false,
      error: "notOpen",
    });
    advanceTo(initiative.id, owner.user.id, "open");
    expect(postProgressUpdate(initiative.id, outsider.user.id, { organisationId: other.id, reportedOn: "2026-03-01", body: "x", indicators: {} })).toEqual({
      ok: false,
      error: "cannotActFor",
    });
  });

  test("roadmap lines with no initiative are reported as gaps", () => {
    const lines = summariseRoadmaps({ counts: [{ roadmap: "agriculture", approach: null, count: 2 }], totals: [] });
    expect(lines.filter((l) => l.count === 0).map((l) => l.approach ?? l.roadmap)).toEqual([
      "sustainable_production",
      "sustainable_consumption",
      "waste_valorisation",
      "innovation_financing",
      "fisheries",
      "services",
    ]);
  });
});

describe("listing", () => {
  test("filters combine; drafts and hidden leads never show; seeking partners comes first", () => {
    const tag = `Lista${Date.now()}`;
    const a = leadWithInitiative({ title: `${tag} Alfa`, roadmap: "fisheries", needs: ["training"], regions: ["PIU"] });
    const b = leadWithInitiative({ title: `${tag} Beta`, roadmap: "fisheries", needs: ["financing"], financingKind: "credit", regions: ["PIU"] });
    const c = leadWithInitiative({ title: `${tag} Gamma`, roadmap: "services", needs: ["financing"], financingKind: "grant", regions: ["ICA"] });
    leadWithInitiative({ title: `${tag} Borrador`, roadmap: "fisheries" });
    advanceTo(a.initiative.id, a.owner.user.id, "in_progress");
    advanceTo(b.initiative.id, b.owner.user.id, "open");
    advanceTo(c.initiative.id, c.owner.user.id, "open");
    const titles = (query: string) => initiativesPage(parseInitiativeFilters(new URLSearchParams(`q=${tag}&${query}`))).rows.map((r) => r.title);
    expect(titles("")).toEqual([`${tag} Gamma`, `${tag} Beta`, `${tag} Alfa`]);
    expect(titles("roadmap=fisheries&seeks=financing")).toEqual([`${tag} Beta`]);
    expect(titles("region=PIU&status=in_progress")).toEqual([`${tag} Alfa`]);
    setSuspension(c.lead.id, makePerson("coordinator").user.id, true, "Prueba");
    expect(titles("seeks=financing")).toEqual([`${tag} Beta`]);
    const facets = initiativeFacets(parseInitiativeFilters(new URLSearchParams(`q=${tag}&roadmap=fisheries`)));
    expect(facets.roadmap).toEqual({ fisheries: 2 });
    expect(facets.seeks).toEqual({ financing: 1, training: 1 });
  });

  test("the listing costs the same number of queries with few or many initiatives", () => {
    const load = () => {
      const f = parseInitiativeFilters(new URLSearchParams("roadmap=agriculture&seeks=financing&region=SAM"));
      initiativeFacets(f);
      initiativesPage(f);
      roadmapSummary();
    };
    const few = countQueries(load);
    for (let n = 0; n < 25; n++) {
      const x = leadWithInitiative();
      advanceTo(x.initiative.id, x.owner.user.id, "open");
    }
    expect(countQueries(load)).toBe(few);
    expect(few).toBeLessThanOrEqual(12);
  });

  test("my work lists the lead's initiatives, requests to answer and invitations to answer", () => {
    const { owner, initiative } = leadWithInitiative();
    advanceTo(initiative.id, owner.user.id, "open");
    const guestOwner = makePerson();
    const guest = makeOrganisation(guestOwner, "approved");
    requestToJoin(initiative.id, guestOwner.user.id, { organisationId: guest.id, role: "supporter", message: "Hola" });
    const leadView = myWork(owner.user.id);
    expect(leadView.initiatives.map((i) => i.relation)).toEqual(["lead"]);
    expect(leadView.requests).toHaveLength(1);
    const other = leadWithInitiative();
    advanceTo(other.initiative.id, other.owner.user.id, "open");
    invitePartner(other.initiative.id, other.owner.user.id, { organisationId: guest.id, role: "funder", message: "" });
    expect(myWork(guestOwner.user.id).invitations).toHaveLength(1);
  });
});
