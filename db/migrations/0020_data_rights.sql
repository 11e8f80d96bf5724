CREATE TABLE `unsubscribe_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`user_id` integer NOT NULL,
	`preference` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `unsubscribe_tokens_user_idx` ON `unsubscribe_tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `unsubscribe_tokens_created_at_idx` ON `unsubscribe_tokens` (`created_at`);--> statement-breakpoint
CREATE TABLE `data_rights_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `data_rights_requests_created_at_idx` ON `data_rights_requests` (`created_at`);--> statement-breakpoint
CREATE TABLE `privacy_consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`notice_version` text NOT NULL,
	`accepted_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `privacy_consents_user_idx` ON `privacy_consents` (`user_id`,`accepted_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `privacy_notice_version` text;--> statement-breakpoint
ALTER TABLE `mail_queue` ADD `forget_after_send` integer DEFAULT false NOT NULL;