CREATE TABLE `mail_queue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`locale` text NOT NULL,
	`attachments` text,
	`headers` text,
	`message_id` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mail_queue_due_idx` ON `mail_queue` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `notification_preferences` (
	`user_id` integer NOT NULL,
	`preference` text NOT NULL,
	`channel` text NOT NULL,
	PRIMARY KEY(`user_id`, `preference`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`digest_frequency` text DEFAULT 'daily' NOT NULL,
	`last_digest_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `event_follows` (
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_follows_user_idx` ON `event_follows` (`user_id`);--> statement-breakpoint
CREATE TABLE `discussion_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`name_es` text NOT NULL,
	`name_en` text NOT NULL,
	`description_es` text DEFAULT '' NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`coordinators_only` integer DEFAULT false NOT NULL,
	`archived_at` integer,
	`thread_count` integer DEFAULT 0 NOT NULL,
	`last_activity_at` integer,
	`last_thread_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `discussion_categories_slug_unique` ON `discussion_categories` (`slug`);--> statement-breakpoint
CREATE INDEX `discussion_categories_position_idx` ON `discussion_categories` (`archived_at`,`position`);--> statement-breakpoint
CREATE TABLE `discussion_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`post_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`reason` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`reviewed_at` integer,
	FOREIGN KEY (`post_id`) REFERENCES `discussion_posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `discussion_flags_post_user_idx` ON `discussion_flags` (`post_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `discussion_flags_user_idx` ON `discussion_flags` (`user_id`);--> statement-breakpoint
CREATE TABLE `discussion_follows` (
	`user_id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `thread_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `discussion_threads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `discussion_follows_thread_idx` ON `discussion_follows` (`thread_id`);--> statement-breakpoint
CREATE TABLE `discussion_post_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`post_id` integer NOT NULL,
	`body` text NOT NULL,
	`replaced_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`post_id`) REFERENCES `discussion_posts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `discussion_post_revisions_post_idx` ON `discussion_post_revisions` (`post_id`);--> statement-breakpoint
CREATE TABLE `discussion_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`number` integer NOT NULL,
	`author_id` integer NOT NULL,
	`organisation_id` integer,
	`body` text NOT NULL,
	`body_html` text NOT NULL,
	`quoted_post_id` integer,
	`edited_at` integer,
	`deleted_at` integer,
	`hidden_at` integer,
	`hidden_reason` text,
	`open_flag_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `discussion_threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `discussion_posts_thread_number_idx` ON `discussion_posts` (`thread_id`,`number`);--> statement-breakpoint
CREATE INDEX `discussion_posts_author_created_idx` ON `discussion_posts` (`author_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `discussion_posts_review_idx` ON `discussion_posts` (`open_flag_count`,`hidden_at`);--> statement-breakpoint
CREATE TABLE `discussion_reactions` (
	`post_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`reaction` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`post_id`, `user_id`, `reaction`),
	FOREIGN KEY (`post_id`) REFERENCES `discussion_posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `discussion_reactions_user_idx` ON `discussion_reactions` (`user_id`);--> statement-breakpoint
CREATE TABLE `discussion_reads` (
	`user_id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`last_read_number` integer NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `thread_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `discussion_threads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `discussion_reads_thread_idx` ON `discussion_reads` (`thread_id`);--> statement-breakpoint
CREATE TABLE `discussion_suspensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`until` integer NOT NULL,
	`reason` text NOT NULL,
	`created_by_id` integer,
	`lifted_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `discussion_suspensions_user_idx` ON `discussion_suspensions` (`user_id`,`until`);--> statement-breakpoint
CREATE TABLE `discussion_threads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category_id` integer,
	`parent_type` text,
	`parent_id` integer,
	`title` text NOT NULL,
	`author_id` integer NOT NULL,
	`organisation_id` integer,
	`pinned` integer DEFAULT false NOT NULL,
	`locked_at` integer,
	`hidden_at` integer,
	`last_post_number` integer DEFAULT 0 NOT NULL,
	`reply_count` integer DEFAULT 0 NOT NULL,
	`last_post_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_post_author_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `discussion_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`last_post_author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "discussion_threads_place" CHECK(("discussion_threads"."category_id" IS NULL) <> ("discussion_threads"."parent_type" IS NULL) AND ("discussion_threads"."parent_type" IS NULL) = ("discussion_threads"."parent_id" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `discussion_threads_category_activity_idx` ON `discussion_threads` (`category_id`,`pinned`,`last_post_at`);--> statement-breakpoint
CREATE INDEX `discussion_threads_category_newest_idx` ON `discussion_threads` (`category_id`,`pinned`,`created_at`);--> statement-breakpoint
CREATE INDEX `discussion_threads_parent_activity_idx` ON `discussion_threads` (`parent_type`,`parent_id`,`pinned`,`last_post_at`);--> statement-breakpoint
CREATE INDEX `discussion_threads_parent_newest_idx` ON `discussion_threads` (`parent_type`,`parent_id`,`pinned`,`created_at`);--> statement-breakpoint
CREATE INDEX `discussion_threads_activity_idx` ON `discussion_threads` (`last_post_at`);--> statement-breakpoint
CREATE INDEX `discussion_threads_author_idx` ON `discussion_threads` (`author_id`);--> statement-breakpoint
CREATE TABLE `moderation_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`thread_id` integer,
	`post_id` integer,
	`category_id` integer,
	`target_user_id` integer,
	`note` text DEFAULT '' NOT NULL,
	`details` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `moderation_log_created_idx` ON `moderation_log` (`created_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `handle` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_handle_unique` ON `users` (`handle`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `type` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `subject_type` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `subject_id` integer;--> statement-breakpoint
ALTER TABLE `notifications` ADD `actor_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `notifications` ADD `data` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `group_key` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `email_state` text;--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_digest_idx` ON `notifications` (`email_state`,`user_id`);--> statement-breakpoint
-- Rows written before issue 10 keep their message key as their type and its values as their data.
UPDATE `notifications` SET `type` = `message_key`, `data` = `vars`;--> statement-breakpoint
-- Discussion pages are cached like the other listings (ADR 0012): every write to a table they
-- show bumps the "discussions" counter in the same transaction. Reads and follows are per person
-- and shown only to signed-in people, whose pages are never cached, so they do not bump it.
INSERT INTO data_versions (name, version) VALUES ('discussions', 0) ON CONFLICT (name) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER discussion_categories_insert_bumps_version AFTER INSERT ON discussion_categories BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_categories_update_bumps_version AFTER UPDATE ON discussion_categories BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_categories_delete_bumps_version AFTER DELETE ON discussion_categories BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_threads_insert_bumps_version AFTER INSERT ON discussion_threads BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_threads_update_bumps_version AFTER UPDATE ON discussion_threads BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_threads_delete_bumps_version AFTER DELETE ON discussion_threads BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_posts_insert_bumps_version AFTER INSERT ON discussion_posts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_posts_update_bumps_version AFTER UPDATE ON discussion_posts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_posts_delete_bumps_version AFTER DELETE ON discussion_posts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_reactions_insert_bumps_version AFTER INSERT ON discussion_reactions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_reactions_update_bumps_version AFTER UPDATE ON discussion_reactions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_reactions_delete_bumps_version AFTER DELETE ON discussion_reactions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_flags_insert_bumps_version AFTER INSERT ON discussion_flags BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_flags_update_bumps_version AFTER UPDATE ON discussion_flags BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
--> statement-breakpoint
CREATE TRIGGER discussion_flags_delete_bumps_version AFTER DELETE ON discussion_flags BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'discussions'; END;
