-- Issue 11 (search): every full-text index gets prefix indexes for its terms' first 2 and 3
-- characters. The last word of a query is a prefix (ftsMatch): "de*" had to merge the position
-- lists of every term starting with "de" (de, del, desde, desarrollo, …); with prefix='2 3' it
-- reads one list. On a copy of the 100× benchmark database, /search?q=de (all kinds) went from
-- 76–100 ms to 29–31 ms, other queries no slower; the file grew by about 9 %.
-- FTS5 cannot change a table's options: each index is dropped with its triggers, made again
-- with the same columns, content table and tokenizer, rebuilt from its table, and its triggers
-- made again as they were (migrations 0007 and 0013).
DROP TRIGGER organisations_fts_insert;
--> statement-breakpoint
DROP TRIGGER organisations_fts_delete;
--> statement-breakpoint
DROP TRIGGER organisations_fts_update;
--> statement-breakpoint
DROP TABLE organisations_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE organisations_fts USING fts5(name, acronym, description, content='organisations', content_rowid='id', prefix='2 3', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO organisations_fts (organisations_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER organisations_fts_insert AFTER INSERT ON organisations BEGIN INSERT INTO organisations_fts (rowid, name, acronym, description) VALUES (new.id, new.name, new.acronym, new.description); END;
--> statement-breakpoint
CREATE TRIGGER organisations_fts_delete AFTER DELETE ON organisations BEGIN INSERT INTO organisations_fts (organisations_fts, rowid, name, acronym, description) VALUES ('delete', old.id, old.name, old.acronym, old.description); END;
--> statement-breakpoint
CREATE TRIGGER organisations_fts_update AFTER UPDATE OF name, acronym, description ON organisations BEGIN INSERT INTO organisations_fts (organisations_fts, rowid, name, acronym, description) VALUES ('delete', old.id, old.name, old.acronym, old.description); INSERT INTO organisations_fts (rowid, name, acronym, description) VALUES (new.id, new.name, new.acronym, new.description); END;
--> statement-breakpoint
DROP TRIGGER initiatives_fts_insert;
--> statement-breakpoint
DROP TRIGGER initiatives_fts_delete;
--> statement-breakpoint
DROP TRIGGER initiatives_fts_update;
--> statement-breakpoint
DROP TABLE initiatives_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE initiatives_fts USING fts5(title, summary, content='initiatives', content_rowid='id', prefix='2 3', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO initiatives_fts (initiatives_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER initiatives_fts_insert AFTER INSERT ON initiatives BEGIN INSERT INTO initiatives_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary); END;
--> statement-breakpoint
CREATE TRIGGER initiatives_fts_delete AFTER DELETE ON initiatives BEGIN INSERT INTO initiatives_fts (initiatives_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary); END;
--> statement-breakpoint
CREATE TRIGGER initiatives_fts_update AFTER UPDATE OF title, summary ON initiatives BEGIN INSERT INTO initiatives_fts (initiatives_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary); INSERT INTO initiatives_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary); END;
--> statement-breakpoint
DROP TRIGGER events_fts_insert;
--> statement-breakpoint
DROP TRIGGER events_fts_delete;
--> statement-breakpoint
DROP TRIGGER events_fts_update;
--> statement-breakpoint
DROP TABLE events_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE events_fts USING fts5(title, summary, description, content='events', content_rowid='id', prefix='2 3', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO events_fts (events_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN INSERT INTO events_fts (rowid, title, summary, description) VALUES (new.id, new.title, new.summary, new.description); END;
--> statement-breakpoint
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN INSERT INTO events_fts (events_fts, rowid, title, summary, description) VALUES ('delete', old.id, old.title, old.summary, old.description); END;
--> statement-breakpoint
CREATE TRIGGER events_fts_update AFTER UPDATE OF title, summary, description ON events BEGIN INSERT INTO events_fts (events_fts, rowid, title, summary, description) VALUES ('delete', old.id, old.title, old.summary, old.description); INSERT INTO events_fts (rowid, title, summary, description) VALUES (new.id, new.title, new.summary, new.description); END;
--> statement-breakpoint
DROP TRIGGER discussion_threads_fts_insert;
--> statement-breakpoint
DROP TRIGGER discussion_threads_fts_delete;
--> statement-breakpoint
DROP TRIGGER discussion_threads_fts_update;
--> statement-breakpoint
DROP TABLE discussion_threads_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE discussion_threads_fts USING fts5(title, content='discussion_threads', content_rowid='id', prefix='2 3', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO discussion_threads_fts (discussion_threads_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER discussion_threads_fts_insert AFTER INSERT ON discussion_threads BEGIN INSERT INTO discussion_threads_fts (rowid, title) VALUES (new.id, new.title); END;
--> statement-breakpoint
CREATE TRIGGER discussion_threads_fts_delete AFTER DELETE ON discussion_threads BEGIN INSERT INTO discussion_threads_fts (discussion_threads_fts, rowid, title) VALUES ('delete', old.id, old.title); END;
--> statement-breakpoint
CREATE TRIGGER discussion_threads_fts_update AFTER UPDATE OF title ON discussion_threads BEGIN INSERT INTO discussion_threads_fts (discussion_threads_fts, rowid, title) VALUES ('delete', old.id, old.title); INSERT INTO discussion_threads_fts (rowid, title) VALUES (new.id, new.title); END;
--> statement-breakpoint
DROP TRIGGER discussion_posts_fts_insert;
--> statement-breakpoint
DROP TRIGGER discussion_posts_fts_delete;
--> statement-breakpoint
DROP TRIGGER discussion_posts_fts_update;
--> statement-breakpoint
DROP TABLE discussion_posts_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE discussion_posts_fts USING fts5(body, content='discussion_posts', content_rowid='id', prefix='2 3', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO discussion_posts_fts (discussion_posts_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER discussion_posts_fts_insert AFTER INSERT ON discussion_posts BEGIN INSERT INTO discussion_posts_fts (rowid, body) VALUES (new.id, new.body); END;
--> statement-breakpoint
CREATE TRIGGER discussion_posts_fts_delete AFTER DELETE ON discussion_posts BEGIN INSERT INTO discussion_posts_fts (discussion_posts_fts, rowid, body) VALUES ('delete', old.id, old.body); END;
--> statement-breakpoint
CREATE TRIGGER discussion_posts_fts_update AFTER UPDATE OF body ON discussion_posts BEGIN INSERT INTO discussion_posts_fts (discussion_posts_fts, rowid, body) VALUES ('delete', old.id, old.body); INSERT INTO discussion_posts_fts (rowid, body) VALUES (new.id, new.body); END;
