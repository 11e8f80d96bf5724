import { describe, expect, test } from "vitest";
import { db, sqlite } from "#app/.server/db.ts";
import { dataVersion, versionedCache, type DataGroup } from "#app/.server/versioned-cache.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { signPact } from "#app/.server/organisations/mutations.ts";
import { postProgressUpdate } from "#app/.server/initiatives/mutations.ts";
import { advanceTo, makeInitiativeInput } from "./initiative-world.ts";
import { makePageWorld } from "./query-audit.ts";
import "#app/.server/discussion-parents.ts";
import { flagPost, startThread, toggleReaction } from "#app/.server/discussions/index.ts";
import { makeDiscussionWorld } from "./discussion-world.ts";
import { makeOrganisation, makePerson } from "./world.ts";

// Every table a cached listing or an anonymous page reads, by the group whose counter it bumps
// (migrations 0007 and 0008).
const GROUP_TABLES: Record<DataGroup, string[]> = {
  organisations: ["organisations", "organisation_regions", "organisation_roadmaps", "organisation_value_chains", "pact_signatures", "organisation_members"],
  initiatives: [
    "initiatives",
    "initiative_needs",
    "initiative_regions",
    "initiative_value_chains",
    "initiative_indicator_values",
    "initiative_partners",
    "initiative_updates",
    "initiative_status_changes",
    "initiative_follows",
  ],
  events: ["events", "event_sessions", "event_speakers", "event_organisers", "event_roadmaps", "event_value_chains", "event_registrations", "event_covers"],
  people: ["users"],
  exchange: ["exchange_listings", "exchange_listing_photos", "exchanges", "exchange_conversations"],
  discussions: ["discussion_categories", "discussion_threads", "discussion_posts", "discussion_reactions", "discussion_flags"],
};

function world() {
  const owner = makePerson();
  const lead = makeOrganisation(owner, "approved", { operatingRegions: ["PIU"] });
  signPact(lead.id, owner.user.id, { signerName: "Ana Quispe", signerPosition: "Gerenta" });
  const result = proposeInitiative(owner.user.id, makeInitiativeInput(lead.id, { needs: ["training"], regions: ["PIU"] }));
  if (!result.ok) throw new Error("propose failed");
  advanceTo(result.initiative.id, owner.user.id, "in_progress");
  const update = postProgressUpdate(result.initiative.id, owner.user.id, { organisationId: lead.id, reportedOn: "2026-03-01", body: "Avance", indicators: { jobs_created: "3" } });
  if (!update.ok) throw new Error("update failed");
  return { owner, lead, initiative: result.initiative };
}

describe("data versions", () => {
  test("every INSERT, UPDATE and DELETE of a listed table bumps its group's counter, and only that group's", () => {
    let exercised = 0;
    // A thread whose first post has a reaction and a flag, so every discussion table has a row
    // (made anew each time: deleting a thread takes its posts with it).
    const discussion = makeDiscussionWorld();
    const discussionRows = () => {
      const started = startThread(discussion.people.author.user, { kind: "category", categoryId: discussion.general.id }, { title: "Compost en Cusco", body: "¿Quién composta?" });
      if (!started.ok) throw new Error(started.reason);
      expect(toggleReaction(discussion.people.member.user, started.postId, "heart").ok).toBe(true);
      expect(flagPost(discussion.people.member.user, started.postId, "spam", "").ok).toBe(true);
    };
    // A have listing with a photo, a conversation and an exchange, so every exchange table has a row.
    const exchangeRows = () => {
      const supplier = world().lead;
      const receiver = makeOrganisation(makePerson(), "approved");
      const listing = sqlite
        .prepare(
          `INSERT INTO exchange_listings (organisation_id, kind, title, category, quantity, unit, frequency, region, available_from, available_until, status)
           VALUES (?, 'have', 'Cascarilla de arroz', 'agro_residues', 5000000, 't', 'monthly', 'LAM', '2026-01-01', '2026-12-31', 'published')`,
        )
        .run(supplier.id).lastInsertRowid;
      sqlite.prepare(`INSERT INTO exchange_listing_photos (listing_id, image, content_type, hash) VALUES (?, x'00', 'image/webp', 'h')`).run(listing);
      sqlite.prepare(`INSERT INTO exchange_conversations (listing_id, organisation_id) VALUES (?, ?)`).run(listing, receiver.id);
      sqlite
        .prepare(
          `INSERT INTO exchanges (listing_id, supplier_organisation_id, receiver_organisation_id, recorded_by_organisation_id, category, occurred_on, quantity, unit)
           VALUES (?, ?, ?, ?, 'agro_residues', '2026-02-01', 1000000, 't')`,
        )
        .run(listing, supplier.id, receiver.id, supplier.id);
    };
    for (const [group, tables] of Object.entries(GROUP_TABLES) as Array<[DataGroup, string[]]>) {
      for (const table of tables) {
        world();
        makePageWorld();
        if (group === "discussions") discussionRows();
        if (group === "exchange") exchangeRows();
        const row = sqlite.prepare(`SELECT rowid AS __rowid, * FROM ${table} ORDER BY rowid DESC LIMIT 1`).get() as Record<string, unknown> | undefined;
        // No fixture writes an event cover (an image upload); its triggers are checked below.
        if (!row && table === "event_covers") continue;
        expect(row, `${table} has a row to work with`).toBeDefined();
        exercised += 1;
        const { __rowid: rowid, ...values } = row!;
        const columns = Object.keys(values);
        for (const [operation, statement] of [
          ["UPDATE", () => sqlite.prepare(`UPDATE ${table} SET ${columns[0]} = ${columns[0]} WHERE rowid = ?`).run(rowid)],
          ["DELETE + INSERT", () =>
            db.$client.transaction(() => {
              sqlite.pragma("defer_foreign_keys = ON");
              sqlite.prepare(`DELETE FROM ${table} WHERE rowid = ?`).run(rowid);
              sqlite.prepare(`INSERT INTO ${table} (rowid, ${columns.join(", ")}) VALUES (?, ${columns.map(() => "?").join(", ")})`).run(rowid, ...Object.values(values));
            })()],
        ] as const) {
          const others = (Object.keys(GROUP_TABLES) as DataGroup[]).filter((g) => g !== group);
          const before = { mine: dataVersion([group]), others: dataVersion(others) };
          statement();
          expect(dataVersion([group]), `${operation} on ${table} bumps "${group}"`).not.toBe(before.mine);
          // A delete may cascade into other groups' tables (an organisation's initiatives).
          if (operation === "UPDATE") expect(dataVersion(others), `${operation} on ${table} leaves the other groups alone`).toBe(before.others);
        }
      }
    }
    expect(exercised).toBe(Object.values(GROUP_TABLES).flat().length - 1);
  });

  test("the triggers cover exactly the tables above", () => {
    const triggers = sqlite
      .prepare("SELECT tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_bumps_version'")
      .all() as Array<{ tableName: string; sql: string }>;
    for (const [group, tables] of Object.entries(GROUP_TABLES)) {
      for (const table of tables) {
        const mine = triggers.filter((t) => t.tableName === table);
        expect(mine.map((t) => /AFTER (\w+)/.exec(t.sql)?.[1]).sort(), table).toEqual(["DELETE", "INSERT", "UPDATE"]);
        for (const trigger of mine) expect(trigger.sql).toContain(`WHERE name = '${group}'`);
      }
    }
    expect(triggers).toHaveLength(Object.values(GROUP_TABLES).flat().length * 3);
  });
});

describe("versionedCache", () => {
  test("computes once per argument until a table of its groups changes", () => {
    const { initiative } = world();
    let runs = 0;
    const countOpen = versionedCache(["initiatives"], (status: string) => {
      runs += 1;
      return (sqlite.prepare("SELECT count(*) AS n FROM initiatives WHERE status = ?").get(status) as { n: number }).n;
    });
    const first = countOpen("draft");
    expect(countOpen("draft")).toBe(first);
    expect(runs).toBe(1);
    countOpen("open");
    expect(runs).toBe(2);
    // A write elsewhere (an organisation) does not matter to an initiatives-only cache.
    sqlite.prepare("UPDATE organisations SET description = description || '.' WHERE id = (SELECT min(id) FROM organisations)").run();
    countOpen("draft");
    expect(runs).toBe(2);
    sqlite.prepare("UPDATE initiatives SET status = 'draft' WHERE id = ?").run(initiative.id);
    expect(countOpen("draft")).toBe(first + 1);
    expect(runs).toBe(3);
  });

  test("a change committed by another connection (another process, a script) is seen", async () => {
    const { initiative } = world();
    const titleOf = versionedCache(["initiatives"], (id: number) => (sqlite.prepare("SELECT title FROM initiatives WHERE id = ?").get(id) as { title: string }).title);
    const before = titleOf(initiative.id);
    const { default: Database } = await import("better-sqlite3");
    const other = new Database(sqlite.name);
    other.prepare("UPDATE initiatives SET title = ? WHERE id = ?").run(`${before} (editado)`, initiative.id);
    other.close();
    expect(titleOf(initiative.id)).toBe(`${before} (editado)`);
  });

  test("inside a transaction it computes afresh and remembers nothing uncommitted", () => {
    const { initiative } = world();
    const titleOf = versionedCache(["initiatives"], (id: number) => (sqlite.prepare("SELECT title FROM initiatives WHERE id = ?").get(id) as { title: string }).title);
    const committed = titleOf(initiative.id);
    expect(() =>
      sqlite.transaction(() => {
        sqlite.prepare("UPDATE initiatives SET title = 'Borrador sin guardar' WHERE id = ?").run(initiative.id);
        expect(titleOf(initiative.id)).toBe("Borrador sin guardar");
        throw new Error("rollback");
      })(),
    ).toThrow("rollback");
    expect(titleOf(initiative.id)).toBe(committed);
  });

  test("results are frozen, so one caller cannot change what the next one gets", () => {
    world();
    const rows = versionedCache(["organisations"], (_: void) => sqlite.prepare("SELECT id, name FROM organisations ORDER BY id").all() as Array<{ id: number; name: string }>);
    const first = rows();
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => first.push({ id: 0, name: "x" })).toThrow(TypeError);
    expect(() => {
      first[0]!.name = "x";
    }).toThrow(TypeError);
    expect(rows()).toBe(first);
  });

  test("keeps at most the given number of arguments, dropping the least recently used", () => {
    world();
    let runs = 0;
    const echo = versionedCache(["initiatives"], (n: number) => {
      runs += 1;
      return { n };
    }, 2);
    echo(1);
    echo(2);
    echo(1); // 1 is now the most recently used
    echo(3); // drops 2
    expect(runs).toBe(3);
    echo(1);
    expect(runs).toBe(3);
    echo(2);
    expect(runs).toBe(4);
  });
});
