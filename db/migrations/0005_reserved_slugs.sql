-- Rows created before slugs avoided their section's fixed paths (/organisations/map, /…/new) could
-- never be opened. Each gets the old slug with its row id appended, unless that is taken too.
-- Organisation names that had no a–z/0–9 letters all shared the empty key (so at most one row has
-- it); that row is keyed by its lower-cased name, which is what nameKey() in app/.server/names.ts
-- now gives for a plain name in a non-Latin script.
UPDATE organisations SET slug = slug || '-' || id
WHERE slug IN ('map', 'new') AND NOT EXISTS (SELECT 1 FROM organisations other WHERE other.slug = organisations.slug || '-' || organisations.id);
--> statement-breakpoint
UPDATE initiatives SET slug = slug || '-' || id
WHERE slug IN ('new') AND NOT EXISTS (SELECT 1 FROM initiatives other WHERE other.slug = initiatives.slug || '-' || initiatives.id);
--> statement-breakpoint
UPDATE events SET slug = slug || '-' || id
WHERE slug IN ('new') AND NOT EXISTS (SELECT 1 FROM events other WHERE other.slug = events.slug || '-' || events.id);
--> statement-breakpoint
UPDATE organisations SET name_key = lower(trim(name)) WHERE name_key = '';
