-- Issue 12 (resource exchange): listings join the site's full-text search (same tokenizer and
-- prefix indexes as ADR 0014), and writes to the exchange's tables bump the 'exchange' data
-- version so cached listings, facets, matches and roll-ups are recomputed (ADR 0012).
CREATE VIRTUAL TABLE exchange_listings_fts USING fts5(title, description, specification, content='exchange_listings', content_rowid='id', prefix='2 3', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO exchange_listings_fts (exchange_listings_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER exchange_listings_fts_insert AFTER INSERT ON exchange_listings BEGIN INSERT INTO exchange_listings_fts (rowid, title, description, specification) VALUES (new.id, new.title, new.description, new.specification); END;
--> statement-breakpoint
CREATE TRIGGER exchange_listings_fts_delete AFTER DELETE ON exchange_listings BEGIN INSERT INTO exchange_listings_fts (exchange_listings_fts, rowid, title, description, specification) VALUES ('delete', old.id, old.title, old.description, old.specification); END;
--> statement-breakpoint
CREATE TRIGGER exchange_listings_fts_update AFTER UPDATE OF title, description, specification ON exchange_listings BEGIN INSERT INTO exchange_listings_fts (exchange_listings_fts, rowid, title, description, specification) VALUES ('delete', old.id, old.title, old.description, old.specification); INSERT INTO exchange_listings_fts (rowid, title, description, specification) VALUES (new.id, new.title, new.description, new.specification); END;
--> statement-breakpoint
INSERT INTO data_versions (name, version) VALUES ('exchange', 0) ON CONFLICT (name) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER exchange_listings_insert_bumps_version AFTER INSERT ON exchange_listings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
--> statement-breakpoint
CREATE TRIGGER exchange_listings_update_bumps_version AFTER UPDATE ON exchange_listings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
--> statement-breakpoint
CREATE TRIGGER exchange_listings_delete_bumps_version AFTER DELETE ON exchange_listings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
--> statement-breakpoint
CREATE TRIGGER exchange_listing_photos_insert_bumps_version AFTER INSERT ON exchange_listing_photos BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
--> statement-breakpoint
CREATE TRIGGER exchange_listing_photos_update_bumps_version AFTER UPDATE ON exchange_listing_photos BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
--> statement-breakpoint
CREATE TRIGGER exchange_listing_photos_delete_bumps_version AFTER DELETE ON exchange_listing_photos BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
--> statement-breakpoint
CREATE TRIGGER exchanges_insert_bumps_version AFTER INSERT ON exchanges BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
--> statement-breakpoint
CREATE TRIGGER exchanges_update_bumps_version AFTER UPDATE ON exchanges BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
--> statement-breakpoint
CREATE TRIGGER exchanges_delete_bumps_version AFTER DELETE ON exchanges BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
--> statement-breakpoint
CREATE TRIGGER exchange_conversations_insert_bumps_version AFTER INSERT ON exchange_conversations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
--> statement-breakpoint
CREATE TRIGGER exchange_conversations_update_bumps_version AFTER UPDATE ON exchange_conversations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
--> statement-breakpoint
CREATE TRIGGER exchange_conversations_delete_bumps_version AFTER DELETE ON exchange_conversations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'; END;
