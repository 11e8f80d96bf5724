import { eq, like, or } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { slugify } from "#app/.server/names.ts";

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];
type SluggedTable = typeof schema.organisations | typeof schema.initiatives | typeof schema.events;

/** A slug for `text` not yet used in `table`: "cafe", then "cafe-2", "cafe-3"… One query. */
export function uniqueSlug(tx: Tx, table: SluggedTable, text: string) {
  const base = slugify(text);
  const taken = new Set(
    tx
      .select({ slug: table.slug })
      .from(table)
      .where(or(eq(table.slug, base), like(table.slug, `${base}-%`)))
      .all()
      .map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
