CREATE TABLE `initiative_follows` (
	`initiative_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`initiative_id`, `user_id`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `initiative_follows_user_idx` ON `initiative_follows` (`user_id`);--> statement-breakpoint
CREATE TABLE `initiative_indicator_values` (
	`update_id` integer NOT NULL,
	`initiative_id` integer NOT NULL,
	`indicator` text NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`update_id`, `indicator`),
	FOREIGN KEY (`update_id`) REFERENCES `initiative_updates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `initiative_indicator_values_idx` ON `initiative_indicator_values` (`initiative_id`,`indicator`);--> statement-breakpoint
CREATE TABLE `initiative_needs` (
	`initiative_id` integer NOT NULL,
	`kind` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`partner_actor_types` text,
	`amount_cents` integer,
	`financing_kind` text,
	PRIMARY KEY(`initiative_id`, `kind`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `initiative_needs_kind_idx` ON `initiative_needs` (`kind`);--> statement-breakpoint
CREATE TABLE `initiative_partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`role` text NOT NULL,
	`state` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`response_note` text,
	`requested_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`responded_at` integer,
	`joined_at` integer,
	`left_at` integer,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `initiative_partners_initiative_idx` ON `initiative_partners` (`initiative_id`,`state`);--> statement-breakpoint
CREATE INDEX `initiative_partners_org_idx` ON `initiative_partners` (`organisation_id`,`state`);--> statement-breakpoint
CREATE UNIQUE INDEX `initiative_partners_live_idx` ON `initiative_partners` (`initiative_id`,`organisation_id`) WHERE state IN ('requested', 'invited', 'active');--> statement-breakpoint
CREATE TABLE `initiative_regions` (
	`initiative_id` integer NOT NULL,
	`region` text NOT NULL,
	PRIMARY KEY(`initiative_id`, `region`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `initiative_regions_region_idx` ON `initiative_regions` (`region`);--> statement-breakpoint
CREATE TABLE `initiative_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`changed_by` integer,
	`changed_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `initiative_status_changes_idx` ON `initiative_status_changes` (`initiative_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `initiative_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`author_id` integer,
	`reported_on` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `initiative_updates_idx` ON `initiative_updates` (`initiative_id`,`reported_on`);--> statement-breakpoint
CREATE TABLE `initiative_value_chains` (
	`initiative_id` integer NOT NULL,
	`value_chain` text NOT NULL,
	PRIMARY KEY(`initiative_id`, `value_chain`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `initiative_value_chains_chain_idx` ON `initiative_value_chains` (`value_chain`);--> statement-breakpoint
CREATE TABLE `initiatives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`lead_organisation_id` integer NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`roadmap` text NOT NULL,
	`approach` text,
	`start_on` text,
	`end_on` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`gender_perspective` integer DEFAULT false NOT NULL,
	`gender_note` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`lead_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `initiatives_slug_unique` ON `initiatives` (`slug`);--> statement-breakpoint
CREATE INDEX `initiatives_lead_idx` ON `initiatives` (`lead_organisation_id`);--> statement-breakpoint
CREATE INDEX `initiatives_status_idx` ON `initiatives` (`status`,`published_at`);--> statement-breakpoint
CREATE INDEX `initiatives_roadmap_idx` ON `initiatives` (`roadmap`,`approach`);