-- Issue 9. Anonymous visitors' pages are cached whole (app/.server/page-cache.ts), keyed by every
-- group's counter in data_versions, so the counters must move with every table a public page shows:
-- partnerships, progress updates and status changes of initiatives; events with their programme,
-- organisers, tags and seats; people's names (authors of updates, speakers' organisations).
INSERT INTO data_versions (name, version) VALUES ('events', 0), ('people', 0) ON CONFLICT (name) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER organisation_members_insert_bumps_version AFTER INSERT ON organisation_members BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisation_members_update_bumps_version AFTER UPDATE ON organisation_members BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER organisation_members_delete_bumps_version AFTER DELETE ON organisation_members BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'organisations'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_partners_insert_bumps_version AFTER INSERT ON initiative_partners BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_partners_update_bumps_version AFTER UPDATE ON initiative_partners BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_partners_delete_bumps_version AFTER DELETE ON initiative_partners BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_updates_insert_bumps_version AFTER INSERT ON initiative_updates BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_updates_update_bumps_version AFTER UPDATE ON initiative_updates BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_updates_delete_bumps_version AFTER DELETE ON initiative_updates BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_status_changes_insert_bumps_version AFTER INSERT ON initiative_status_changes BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_status_changes_update_bumps_version AFTER UPDATE ON initiative_status_changes BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_status_changes_delete_bumps_version AFTER DELETE ON initiative_status_changes BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_follows_insert_bumps_version AFTER INSERT ON initiative_follows BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_follows_update_bumps_version AFTER UPDATE ON initiative_follows BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER initiative_follows_delete_bumps_version AFTER DELETE ON initiative_follows BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'initiatives'; END;
--> statement-breakpoint
CREATE TRIGGER events_insert_bumps_version AFTER INSERT ON events BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER events_update_bumps_version AFTER UPDATE ON events BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER events_delete_bumps_version AFTER DELETE ON events BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_sessions_insert_bumps_version AFTER INSERT ON event_sessions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_sessions_update_bumps_version AFTER UPDATE ON event_sessions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_sessions_delete_bumps_version AFTER DELETE ON event_sessions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_speakers_insert_bumps_version AFTER INSERT ON event_speakers BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_speakers_update_bumps_version AFTER UPDATE ON event_speakers BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_speakers_delete_bumps_version AFTER DELETE ON event_speakers BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_organisers_insert_bumps_version AFTER INSERT ON event_organisers BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_organisers_update_bumps_version AFTER UPDATE ON event_organisers BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_organisers_delete_bumps_version AFTER DELETE ON event_organisers BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_roadmaps_insert_bumps_version AFTER INSERT ON event_roadmaps BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_roadmaps_update_bumps_version AFTER UPDATE ON event_roadmaps BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_roadmaps_delete_bumps_version AFTER DELETE ON event_roadmaps BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_value_chains_insert_bumps_version AFTER INSERT ON event_value_chains BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_value_chains_update_bumps_version AFTER UPDATE ON event_value_chains BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_value_chains_delete_bumps_version AFTER DELETE ON event_value_chains BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_registrations_insert_bumps_version AFTER INSERT ON event_registrations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_registrations_update_bumps_version AFTER UPDATE ON event_registrations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_registrations_delete_bumps_version AFTER DELETE ON event_registrations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_covers_insert_bumps_version AFTER INSERT ON event_covers BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_covers_update_bumps_version AFTER UPDATE ON event_covers BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER event_covers_delete_bumps_version AFTER DELETE ON event_covers BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'events'; END;
--> statement-breakpoint
CREATE TRIGGER users_insert_bumps_version AFTER INSERT ON users BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'people'; END;
--> statement-breakpoint
CREATE TRIGGER users_update_bumps_version AFTER UPDATE ON users BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'people'; END;
--> statement-breakpoint
CREATE TRIGGER users_delete_bumps_version AFTER DELETE ON users BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'people'; END;
