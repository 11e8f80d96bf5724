// Expected failures are thrown as responses and caught by the nearest error boundary
// (app/components/error-boundary.tsx), which shows the translated text for the status.
// Usage: `throw notFound()` in a loader, an action or a feature's guard.

/** Statuses the error boundary explains in words of their own; anything else reads as a 500. */
export const EXPLAINED_STATUSES = [400, 403, 404, 405, 409, 413, 429, 503] as const;
export type ExplainedStatus = (typeof EXPLAINED_STATUSES)[number];

/** Whether a status has its own explanation (title and text) rather than the 500 one. */
export function isExplainedStatus(status: number): status is ExplainedStatus {
  return (EXPLAINED_STATUSES as readonly number[]).includes(status);
}

function errorResponse(status: number, statusText: string) {
  return new Response(statusText, { status, statusText, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** 400: the request itself is malformed (not a form, an unknown option), not a form with errors. */
export function badRequest() {
  return errorResponse(400, "Bad Request");
}

/** 403: the person is known and sees the thing, but may not do this with it. */
export function forbidden() {
  return errorResponse(403, "Forbidden");
}

/** 404: no such thing, or one this person may not even know exists. */
export function notFound() {
  return errorResponse(404, "Not Found");
}

/** 409: the request conflicts with the current state (already changed, someone else's token). */
export function conflict() {
  return errorResponse(409, "Conflict");
}
