-- Issue 9. Listings and their facet counts are cached in memory, keyed by the counters in
-- data_versions (app/.server/versioned-cache.ts). Every write to a table a listing reads bumps its
-- group's counter here, in the same transaction as the write, whatever code or process writes.
INSERT INTO data_versions (name, version) VALUES ('organisations', 0), ('initiatives', 0) ON CONFLICT (name) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER organisations_insert_bumps_version AFTER INSERT ON organisations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisations_update_bumps_version AFTER UPDATE ON organisations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisations_delete_bumps_version AFTER DELETE ON organisations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisation_regions_insert_bumps_version AFTER INSERT ON organisation_regions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisation_regions_update_bumps_version AFTER UPDATE ON organisation_regions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisation_regions_delete_bumps_version AFTER DELETE ON organisation_regions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisation_roadmaps_insert_bumps_version AFTER INSERT ON organisation_roadmaps BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisation_roadmaps_update_bumps_version AFTER UPDATE ON organisation_roadmaps BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisation_roadmaps_delete_bumps_version AFTER DELETE ON organisation_roadmaps BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisation_value_chains_insert_bumps_version AFTER INSERT ON organisation_value_chains BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisation_value_chains_update_bumps_version AFTER UPDATE ON organisation_value_chains BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisation_value_chains_delete_bumps_version AFTER DELETE ON organisation_value_chains BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER pact_signatures_insert_bumps_version AFTER INSERT ON pact_signatures BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER pact_signatures_update_bumps_version AFTER UPDATE ON pact_signatures BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER pact_signatures_delete_bumps_version AFTER DELETE ON pact_signatures BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER initiatives_insert_bumps_version AFTER INSERT ON initiatives BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiatives_update_bumps_version AFTER UPDATE ON initiatives BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiatives_delete_bumps_version AFTER DELETE ON initiatives BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_needs_insert_bumps_version AFTER INSERT ON initiative_needs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_needs_update_bumps_version AFTER UPDATE ON initiative_needs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_needs_delete_bumps_version AFTER DELETE ON initiative_needs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_regions_insert_bumps_version AFTER INSERT ON initiative_regions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_regions_update_bumps_version AFTER UPDATE ON initiative_regions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_regions_delete_bumps_version AFTER DELETE ON initiative_regions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_value_chains_insert_bumps_version AFTER INSERT ON initiative_value_chains BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_value_chains_update_bumps_version AFTER UPDATE ON initiative_value_chains BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_value_chains_delete_bumps_version AFTER DELETE ON initiative_value_chains BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_indicator_values_insert_bumps_version AFTER INSERT ON initiative_indicator_values BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_indicator_values_update_bumps_version AFTER UPDATE ON initiative_indicator_values BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_indicator_values_delete_bumps_version AFTER DELETE ON initiative_indicator_values BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
-- Text filters (issue 9, and the search of issue 11) go through FTS5 indexes: unicode61 with
-- remove_diacritics 2 folds case and accents, so "reuso" finds "reúso" and "ancash" "Áncash".
-- External-content tables: the text lives once, in the table itself; triggers keep the index in step.
CREATE VIRTUAL TABLE initiatives_fts USING fts5(title, summary, content='initiatives', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO initiatives_fts (initiatives_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER initiatives_fts_insert AFTER INSERT ON initiatives BEGIN INSERT INTO initiatives_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary); END;
--> statement-breakpoint
CREATE TRIGGER initiatives_fts_delete AFTER DELETE ON initiatives BEGIN INSERT INTO initiatives_fts (initiatives_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary); END;
--> statement-breakpoint
CREATE TRIGGER initiatives_fts_update AFTER UPDATE OF title, summary ON initiatives BEGIN INSERT INTO initiatives_fts (initiatives_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary); INSERT INTO initiatives_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary); END;
--> statement-breakpoint
CREATE VIRTUAL TABLE organisations_fts USING fts5(name, acronym, description, content='organisations', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO organisations_fts (organisations_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER organisations_fts_insert AFTER INSERT ON organisations BEGIN INSERT INTO organisations_fts (rowid, name, acronym, description) VALUES (new.id, new.name, new.acronym, new.description); END;
--> statement-breakpoint
CREATE TRIGGER organisations_fts_delete AFTER DELETE ON organisations BEGIN INSERT INTO organisations_fts (organisations_fts, rowid, name, acronym, description) VALUES ('delete', old.id, old.name, old.acronym, old.description); END;
--> statement-breakpoint
CREATE TRIGGER organisations_fts_update AFTER UPDATE OF name, acronym, description ON organisations BEGIN INSERT INTO organisations_fts (organisations_fts, rowid, name, acronym, description) VALUES ('delete', old.id, old.name, old.acronym, old.description); INSERT INTO organisations_fts (rowid, name, acronym, description) VALUES (new.id, new.name, new.acronym, new.description); END;
--> statement-breakpoint
-- The initiative listing's default order (seeking partners first, then in progress, then
-- finished; newest first within each) read straight from an index, without sorting the table.
CREATE INDEX initiatives_listing_order_idx ON initiatives ((CASE status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END), published_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX initiatives_published_idx ON initiatives (published_at DESC, id DESC);
