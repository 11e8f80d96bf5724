-- Issue 11: search everything (/search) and the events' and discussion categories' text filters.
-- FTS5 external-content indexes like initiatives_fts and organisations_fts (migration 0007):
-- unicode61 with remove_diacritics 2 folds case and accents ("energia" finds "energía"), the text
-- lives once, in the table itself, and triggers keep each index in step inside the writing
-- transaction, whatever code or process writes. `npm run search:rebuild` rebuilds them all.
CREATE VIRTUAL TABLE events_fts USING fts5(title, summary, description, content='events', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO events_fts (events_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN INSERT INTO events_fts (rowid, title, summary, description) VALUES (new.id, new.title, new.summary, new.description); END;
--> statement-breakpoint
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN INSERT INTO events_fts (events_fts, rowid, title, summary, description) VALUES ('delete', old.id, old.title, old.summary, old.description); END;
--> statement-breakpoint
CREATE TRIGGER events_fts_update AFTER UPDATE OF title, summary, description ON events BEGIN INSERT INTO events_fts (events_fts, rowid, title, summary, description) VALUES ('delete', old.id, old.title, old.summary, old.description); INSERT INTO events_fts (rowid, title, summary, description) VALUES (new.id, new.title, new.summary, new.description); END;
--> statement-breakpoint
CREATE VIRTUAL TABLE discussion_threads_fts USING fts5(title, content='discussion_threads', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO discussion_threads_fts (discussion_threads_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER discussion_threads_fts_insert AFTER INSERT ON discussion_threads BEGIN INSERT INTO discussion_threads_fts (rowid, title) VALUES (new.id, new.title); END;
--> statement-breakpoint
CREATE TRIGGER discussion_threads_fts_delete AFTER DELETE ON discussion_threads BEGIN INSERT INTO discussion_threads_fts (discussion_threads_fts, rowid, title) VALUES ('delete', old.id, old.title); END;
--> statement-breakpoint
CREATE TRIGGER discussion_threads_fts_update AFTER UPDATE OF title ON discussion_threads BEGIN INSERT INTO discussion_threads_fts (discussion_threads_fts, rowid, title) VALUES ('delete', old.id, old.title); INSERT INTO discussion_threads_fts (rowid, title) VALUES (new.id, new.title); END;
--> statement-breakpoint
-- Posts are indexed by their markdown as typed (the HTML rendering would index tag names).
CREATE VIRTUAL TABLE discussion_posts_fts USING fts5(body, content='discussion_posts', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO discussion_posts_fts (discussion_posts_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER discussion_posts_fts_insert AFTER INSERT ON discussion_posts BEGIN INSERT INTO discussion_posts_fts (rowid, body) VALUES (new.id, new.body); END;
--> statement-breakpoint
CREATE TRIGGER discussion_posts_fts_delete AFTER DELETE ON discussion_posts BEGIN INSERT INTO discussion_posts_fts (discussion_posts_fts, rowid, body) VALUES ('delete', old.id, old.body); END;
--> statement-breakpoint
CREATE TRIGGER discussion_posts_fts_update AFTER UPDATE OF body ON discussion_posts BEGIN INSERT INTO discussion_posts_fts (discussion_posts_fts, rowid, body) VALUES ('delete', old.id, old.body); INSERT INTO discussion_posts_fts (rowid, body) VALUES (new.id, new.body); END;
