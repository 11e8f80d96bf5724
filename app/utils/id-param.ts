/**
 * A record id from a URL parameter (`/discussions/threads/:id`, `/exchange/:id`, a photo's or an
 * exchange's id): a positive safe integer of at most 15 digits, else null — the route answers 404,
 * never a 500.
 */
export function idParam(value: string | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 && Number.isSafeInteger(id) ? id : null;
}
