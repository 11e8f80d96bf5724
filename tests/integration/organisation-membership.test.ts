import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { db } from "#app/.server/db.ts";
import {
  actingRole,
  approvedOrganisationIds,
  approvedOrganisationsNamed,
  managerIds,
  membershipOf,
  organisationsOfUser,
  organisationsUserActsFor,
} from "#app/.server/organisations/index.ts";
import { addMember, makeOrganisation, makePerson } from "./world.ts";

// "Which organisations is this person in" and "may they act for this one" have one answer, in
// the organisations feature; initiatives and events ask it instead of reading its tables.

describe("one place answers who belongs to and may act for an organisation", () => {
  test("no other feature reads the organisations feature's membership and detail tables", () => {
    const OWNED = /organisation(?:Members|Invitations|Regions|Roadmaps|ValueChains|Audit|Logos)\b|organisation_(?:members|invitations|regions|roadmaps|value_chains|audit|logos)\b|pactSignatures|pact_signatures/;
    const root = join(import.meta.dirname, "../../app");
    const files = (readdirSync(root, { recursive: true }) as string[])
      .filter((file) => /\.tsx?$/.test(file) && !file.startsWith(join(".server", "organisations")))
      .filter((file) => !/\.test\.tsx?$/.test(file))
      // Dictionaries only name tables in words (the data export's headings, issue 13); they read nothing.
      .filter((file) => !file.startsWith("locales"));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => OWNED.test(readFileSync(join(root, file), "utf8")));
    expect(offenders.map((file) => relative(root, join(root, file)))).toEqual([]);
  });

  test("an approved organisation's members act for it with their role; pending, rejected and suspended ones cannot act", () => {
    const person = makePerson();
    const approved = makeOrganisation(person, "approved");
    const pending = makeOrganisation(person, "pending");
    const rejected = makeOrganisation(person, "rejected");
    const suspended = makeOrganisation(person, "suspended");
    const stranger = makePerson();

    expect(actingRole(person.user.id, approved.id)).toBe("owner");
    for (const organisation of [pending, rejected, suspended]) {
      expect(actingRole(person.user.id, organisation.id)).toBeNull();
      // Membership itself stays: the team still sees and may correct its organisation.
      expect(membershipOf(organisation.id, person.user.id)).toBe("owner");
    }
    expect(actingRole(stranger.user.id, approved.id)).toBeNull();
    expect(membershipOf(approved.id, stranger.user.id)).toBeNull();
    expect(membershipOf(approved.id, undefined)).toBeNull();

    const all = organisationsOfUser(person.user.id).map((o) => o.id);
    expect(all.sort()).toEqual([approved.id, pending.id, rejected.id, suspended.id].sort());
    expect(organisationsUserActsFor(person.user.id).map((o) => ({ id: o.id, role: o.role }))).toEqual([{ id: approved.id, role: "owner" }]);
    expect(organisationsOfUser(undefined)).toEqual([]);
    expect(organisationsUserActsFor(undefined)).toEqual([]);
  });

  test("the acting check reads inside a caller's transaction and sees its writes", () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner, "approved");
    const newcomer = makePerson();
    const seen = db.transaction(
      (tx) => {
        addMember(organisation.id, newcomer, "editor");
        return actingRole(newcomer.user.id, organisation.id, tx);
      },
      { behavior: "immediate" },
    );
    expect(seen).toBe("editor");
  });

  test("managers are the owners and editors, each once; members are not", () => {
    const owner = makePerson();
    const first = makeOrganisation(owner, "approved");
    const second = makeOrganisation(owner, "approved");
    const editor = makePerson();
    const member = makePerson();
    addMember(first.id, editor, "editor");
    addMember(first.id, member, "member");
    addMember(second.id, editor, "editor");
    expect(managerIds([first.id, second.id]).sort()).toEqual([owner.user.id, editor.user.id].sort());
    expect(managerIds([])).toEqual([]);
  });

  test("only approved organisations take part, and free-text names match them ignoring case", () => {
    const owner = makePerson();
    const approved = makeOrganisation(owner, "approved", { name: "Recicladores Unidos del Rímac", acronym: "RUR" });
    const pending = makeOrganisation(owner, "pending", { name: "Cooperativa en Trámite" });
    expect(approvedOrganisationIds([approved.id, pending.id, 99_999_999])).toEqual([approved.id]);
    expect(approvedOrganisationIds([])).toEqual([]);
    const named = approvedOrganisationsNamed(["recicladores unidos del rímac", "rur", "Cooperativa en Trámite", "Nadie"]);
    expect(named.map((o) => o.id)).toEqual([approved.id]);
    expect(approvedOrganisationsNamed([])).toEqual([]);
  });
});
