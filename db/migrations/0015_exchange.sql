CREATE TABLE `exchange_audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`listing_id` integer NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`changes` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`listing_id`) REFERENCES `exchange_listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `exchange_audit_listing_idx` ON `exchange_audit` (`listing_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `exchange_conversation_facilitators` (
	`conversation_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`invited_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`conversation_id`, `user_id`),
	FOREIGN KEY (`conversation_id`) REFERENCES `exchange_conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `exchange_conversation_facilitators_user_idx` ON `exchange_conversation_facilitators` (`user_id`);--> statement-breakpoint
CREATE TABLE `exchange_conversations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`listing_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`started_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`listing_id`) REFERENCES `exchange_listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_conversations_pair_idx` ON `exchange_conversations` (`listing_id`,`organisation_id`);--> statement-breakpoint
CREATE INDEX `exchange_conversations_org_idx` ON `exchange_conversations` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `exchange_listing_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`listing_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`image` blob NOT NULL,
	`content_type` text NOT NULL,
	`hash` text NOT NULL,
	`alt` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`listing_id`) REFERENCES `exchange_listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `exchange_listing_photos_listing_idx` ON `exchange_listing_photos` (`listing_id`,`position`);--> statement-breakpoint
CREATE TABLE `exchange_listings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`specification` text DEFAULT '' NOT NULL,
	`quantity` integer NOT NULL,
	`unit` text NOT NULL,
	`frequency` text NOT NULL,
	`region` text NOT NULL,
	`province` text DEFAULT '' NOT NULL,
	`available_from` text NOT NULL,
	`available_until` text NOT NULL,
	`price_mode` text DEFAULT 'to_agree' NOT NULL,
	`price_cents` integer,
	`hazardous` integer DEFAULT false NOT NULL,
	`initiative_id` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`hidden_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`published_at` integer,
	`expiry_reminder_sent_at` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "exchange_listings_quantity_positive" CHECK("exchange_listings"."quantity" > 0),
	CONSTRAINT "exchange_listings_price" CHECK(("exchange_listings"."price_mode" = 'priced') = ("exchange_listings"."price_cents" IS NOT NULL) AND coalesce("exchange_listings"."price_cents", 0) >= 0),
	CONSTRAINT "exchange_listings_dates" CHECK("exchange_listings"."available_from" <= "exchange_listings"."available_until")
);
--> statement-breakpoint
CREATE INDEX `exchange_listings_org_idx` ON `exchange_listings` (`organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `exchange_listings_public_idx` ON `exchange_listings` (`status`,`published_at`);--> statement-breakpoint
CREATE INDEX `exchange_listings_category_idx` ON `exchange_listings` (`status`,`category`,`kind`,`region`);--> statement-breakpoint
CREATE INDEX `exchange_listings_region_idx` ON `exchange_listings` (`status`,`region`);--> statement-breakpoint
CREATE INDEX `exchange_listings_until_idx` ON `exchange_listings` (`status`,`available_until`);--> statement-breakpoint
CREATE INDEX `exchange_listings_initiative_idx` ON `exchange_listings` (`initiative_id`);--> statement-breakpoint
CREATE TABLE `exchange_match_notices` (
	`have_listing_id` integer NOT NULL,
	`want_listing_id` integer NOT NULL,
	`notified_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`have_listing_id`, `want_listing_id`),
	FOREIGN KEY (`have_listing_id`) REFERENCES `exchange_listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`want_listing_id`) REFERENCES `exchange_listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `exchange_match_notices_want_idx` ON `exchange_match_notices` (`want_listing_id`);--> statement-breakpoint
CREATE TABLE `exchanges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`listing_id` integer NOT NULL,
	`supplier_organisation_id` integer NOT NULL,
	`receiver_organisation_id` integer NOT NULL,
	`recorded_by_organisation_id` integer NOT NULL,
	`category` text NOT NULL,
	`initiative_id` integer,
	`occurred_on` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit` text NOT NULL,
	`value_cents` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`recorded_by` integer,
	`recorded_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`responded_by` integer,
	`responded_at` integer,
	FOREIGN KEY (`listing_id`) REFERENCES `exchange_listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`receiver_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`responded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "exchanges_two_sides" CHECK("exchanges"."supplier_organisation_id" <> "exchanges"."receiver_organisation_id"),
	CONSTRAINT "exchanges_quantity_positive" CHECK("exchanges"."quantity" > 0),
	CONSTRAINT "exchanges_value" CHECK(coalesce("exchanges"."value_cents", 0) >= 0)
);
--> statement-breakpoint
CREATE INDEX `exchanges_listing_idx` ON `exchanges` (`listing_id`,`recorded_at`);--> statement-breakpoint
CREATE INDEX `exchanges_supplier_idx` ON `exchanges` (`supplier_organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `exchanges_receiver_idx` ON `exchanges` (`receiver_organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `exchanges_initiative_idx` ON `exchanges` (`initiative_id`,`status`);--> statement-breakpoint
CREATE INDEX `exchanges_status_idx` ON `exchanges` (`status`,`occurred_on`);