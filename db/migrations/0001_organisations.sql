CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`message_key` text NOT NULL,
	`vars` text NOT NULL,
	`link` text,
	`read_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `organisation_audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`changes` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `organisation_audit_org_idx` ON `organisation_audit` (`organisation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `organisation_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`organisation_id` integer NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`invited_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `organisation_invitations_org_idx` ON `organisation_invitations` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `organisation_logos` (
	`organisation_id` integer PRIMARY KEY NOT NULL,
	`image` blob NOT NULL,
	`content_type` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organisation_members` (
	`organisation_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`organisation_id`, `user_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `organisation_members_user_idx` ON `organisation_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `organisation_regions` (
	`organisation_id` integer NOT NULL,
	`region` text NOT NULL,
	PRIMARY KEY(`organisation_id`, `region`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `organisation_regions_region_idx` ON `organisation_regions` (`region`);--> statement-breakpoint
CREATE TABLE `organisation_roadmaps` (
	`organisation_id` integer NOT NULL,
	`roadmap` text NOT NULL,
	PRIMARY KEY(`organisation_id`, `roadmap`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `organisation_roadmaps_roadmap_idx` ON `organisation_roadmaps` (`roadmap`);--> statement-breakpoint
CREATE TABLE `organisation_value_chains` (
	`organisation_id` integer NOT NULL,
	`value_chain` text NOT NULL,
	PRIMARY KEY(`organisation_id`, `value_chain`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `organisation_value_chains_chain_idx` ON `organisation_value_chains` (`value_chain`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`acronym` text,
	`ruc` text,
	`actor_type` text NOT NULL,
	`company_size` text,
	`hq_region` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`website` text,
	`contact_email` text,
	`founded_year` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`status_reason` text,
	`logo_hash` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`submitted_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`approved_at` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_name_key_idx` ON `organisations` (`name_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_ruc_idx` ON `organisations` (`ruc`);--> statement-breakpoint
CREATE INDEX `organisations_status_submitted_idx` ON `organisations` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `organisations_status_name_idx` ON `organisations` (`status`,`name_key`);--> statement-breakpoint
CREATE INDEX `organisations_status_approved_idx` ON `organisations` (`status`,`approved_at`);--> statement-breakpoint
CREATE INDEX `organisations_actor_type_idx` ON `organisations` (`actor_type`);--> statement-breakpoint
CREATE INDEX `organisations_hq_region_idx` ON `organisations` (`hq_region`);--> statement-breakpoint
CREATE TABLE `pact_signatures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`signer_name` text NOT NULL,
	`signer_position` text NOT NULL,
	`signed_at` integer NOT NULL,
	`recorded_by` integer,
	`signed_by` integer,
	`withdrawn_at` integer,
	`withdrawn_by` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pact_signatures_org_idx` ON `pact_signatures` (`organisation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `pact_signatures_active_idx` ON `pact_signatures` (`organisation_id`) WHERE withdrawn_at IS NULL;--> statement-breakpoint
CREATE INDEX `pact_signatures_signed_at_idx` ON `pact_signatures` (`signed_at`);