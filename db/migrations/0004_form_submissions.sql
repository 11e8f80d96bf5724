CREATE TABLE `form_submissions` (
	`token` text NOT NULL,
	`form` text NOT NULL,
	`user_id` integer NOT NULL,
	`redirect_to` text NOT NULL,
	`flash` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`token`, `form`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `form_submissions_created_at_idx` ON `form_submissions` (`created_at`);