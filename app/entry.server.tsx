import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { ReactNode } from "react";
// React 18's Node renderer. Unpatched, it encodes text into a 2,048-byte view with `encodeInto`
// and, when a multi-byte character does not fit at the end, flushes the whole view, unwritten
// zero bytes included (`writeStringChunk`; fixed only in React 19): pages carried NUL bytes next
// to accented letters, and a form rendered that way stored U+FFFD. scripts/patches/
// react-dom+18.3.1.patch (applied by patch-package after every install) flushes only the written
// bytes, as React 19 does. The web-streams build has no such bug but encodes every string
// separately, which cost a sixth of a page's CPU time (issue 9).
import { renderToPipeableStream } from "react-dom/server";
import { carriesSession } from "#app/.server/auth/index.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { carriesSecretInUrl, errorPageHtml, PAGE_METHODS } from "#app/.server/security.ts";
import { isExplainedStatus, type ExplainedStatus } from "#app/utils/http-errors.ts";
import { DATABASE_RETRY_AFTER_SECONDS } from "#app/.server/database-errors.ts";
import { NonceProvider } from "#app/utils/nonce.tsx";
import { installZodMessages } from "#app/utils/zod-messages.ts";
// Registrations (ADR 0013): every kind of notification and subject, and every discussable parent,
// known to the app's server code before the first request, whichever route it asks for.
import "#app/.server/notification-kinds.ts";
import "#app/.server/discussion-parents.ts";

// Validation messages are dictionary keys, also for values no form would send.
installZodMessages();

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

/**
 * Renders a React tree to a stream of UTF-8 HTML bytes.
 *
 * Resolves once the shell is rendered (with `waitForAll`, once every Suspense boundary has
 * resolved too, for bots and other clients that want the whole document at once); rejects if the
 * shell itself fails. Later errors inside Suspense boundaries go to `onError` and leave those
 * boundaries to the client. Aborting `signal` stops waiting for pending boundaries.
 */
export function renderHtmlStream(
  tree: ReactNode,
  options: { nonce?: string; signal?: AbortSignal; waitForAll?: boolean; onError?: (error: unknown) => void },
): Promise<ReadableStream<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const body = new PassThrough();
    const start = () => {
      resolve(createReadableStreamFromReadable(body).pipeThrough(joinChunksOfOnePass()));
      pipe(body);
    };
    // The request's signal fires when every response ends (and the timeout a few seconds later),
    // so it is relayed only until rendering is complete.
    const relay = () => abort(options.signal?.reason);
    const detach = () => options.signal?.removeEventListener("abort", relay);
    const { pipe, abort } = renderToPipeableStream(tree, {
      nonce: options.nonce,
      onShellReady() {
        if (!options.waitForAll) start();
      },
      onAllReady() {
        detach();
        if (options.waitForAll) start();
      },
      onShellError(error) {
        detach();
        reject(error);
      },
      onError: options.onError,
    });
    if (options.signal?.aborted) relay();
    else options.signal?.addEventListener("abort", relay, { once: true });
  });
}

/**
 * Joins the small (512-byte) chunks React enqueues in one synchronous rendering pass into one
 * chunk. The compression middleware flushes after every chunk, so without this a page is
 * compressed in 512-byte slices (about three times larger than compressed whole); later Suspense
 * content still streams as soon as React writes it.
 */
function joinChunksOfOnePass(): TransformStream<Uint8Array, Uint8Array> {
  let pending: Uint8Array[] = [];
  let scheduled: ReturnType<typeof setImmediate> | undefined;
  const emit = (controller: TransformStreamDefaultController<Uint8Array>) => {
    scheduled = undefined;
    if (pending.length === 0) return;
    const joined = pending.length === 1 ? pending[0]! : new Uint8Array(Buffer.concat(pending));
    pending = [];
    try {
      controller.enqueue(joined);
    } catch {
      // The client went away and the stream was cancelled: nothing left to send to.
    }
  };
  return new TransformStream({
    transform(chunk, controller) {
      pending.push(chunk);
      scheduled ??= setImmediate(() => emit(controller));
    },
    flush(controller) {
      if (scheduled) clearImmediate(scheduled);
      emit(controller);
    },
  });
}

/**
 * Cache-Control of every page and every navigation's data rendered for a request with a session
 * cookie: the page shows that person (their name, their notices, their organisations' drafts), so
 * no shared cache may keep it and the browser must not store it either (it would show it from its
 * history after log-out on a shared computer). Set here, for every HTML document and `.data`
 * answer, rather than route by route. Visitors' pages (no session cookie) keep what their routes
 * say, so the anonymous page cache (app/.server/page-cache.ts) still stores them — except pages
 * whose address carries a secret link's token (reset, confirmation, invitation, unsubscribe).
 */
const SIGNED_IN_CACHE_CONTROL = "private, no-store";

function keepPrivate(request: Request, response: Response): Response {
  if (!carriesSession(request) && !carriesSecretInUrl(request.url)) return response;
  try {
    response.headers.set("Cache-Control", SIGNED_IN_CACHE_CONTROL);
    return response;
  } catch {
    // A Response whose headers are immutable (Response.redirect): copied with the header set.
    const headers = new Headers(response.headers);
    headers.set("Cache-Control", SIGNED_IN_CACHE_CONTROL);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/** The translated error page for `status`, alone (405 with the methods a page takes). */
function errorPageResponse(request: Request, status: ExplainedStatus) {
  return new Response(errorPageHtml(getLocale(request), status), {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...(status === 405 ? { Allow: PAGE_METHODS } : {}) },
  });
}

/**
 * The router's own refusals — a method the route does not take (a POST to a page without an
 * action, an OPTIONS), no route for the URL — carry an internal message that names the route
 * module ("You made a POST request to … but did not provide an `action` for route …"), which Remix
 * puts into the page's data; the page also read as a 500. They get the translated page of their
 * status instead (issue 14, hostile input). Null when the answer is the app's own.
 */
function routerRefusal(request: Request, remixContext: EntryContext): Response | null {
  const errors = Object.values(remixContext.staticHandlerContext.errors ?? {});
  const refusal = errors.find((error) => isRouteErrorResponse(error) && (error as { internal?: boolean }).internal === true);
  return refusal && isRouteErrorResponse(refusal) && isExplainedStatus(refusal.status) ? errorPageResponse(request, refusal.status) : null;
}

/**
 * Single-fetch `.data` answers (client navigations and form replies): a method the route does not
 * take gets the same translated page as documents; a 503 says when to try again; private when
 * signed in, as documents are.
 */
export function handleDataRequest(response: Response, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  return keepPrivate(request, response.status === 405 ? errorPageResponse(request, 405) : withUnavailableHeaders(response));
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const refusal = routerRefusal(request, remixContext);
  if (refusal) return keepPrivate(request, refusal);
  const nonce = loadContext.cspNonce ?? "";
  let shellRendered = false;
  const body = await renderHtmlStream(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      // Give up on pending data shortly after Remix itself does, or when the client goes away.
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(ABORT_DELAY + 1000)]),
      // Bots get the whole document at once; people get it streamed as soon as the shell is ready.
      waitForAll: isbot(request.headers.get("user-agent") ?? ""),
      onError(error) {
        responseStatusCode = 500;
        // Errors in the shell reject the render and reach handleError; log only the later ones.
        if (shellRendered) console.error(error);
      },
    },
  );
  shellRendered = true;
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  unavailableHeaders(responseStatusCode, responseHeaders);
  return keepPrivate(request, new Response(body, { headers: responseHeaders, status: responseStatusCode }));
}

/**
 * A 503 (the database in trouble, app/.server/database-errors.ts) says when to try again and is
 * never cached. Pages get it here: Remix passes a thrown response's headers only to routes with a
 * `headers` export.
 */
function unavailableHeaders(status: number, headers: Headers) {
  if (status !== 503) return;
  if (!headers.has("Retry-After")) headers.set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
  headers.set("Cache-Control", "no-store");
}

/** The same for the data requests of forms and navigations sent with JavaScript (single fetch). */
function withUnavailableHeaders(response: Response) {
  if (response.status !== 503) return response;
  const headers = new Headers(response.headers);
  unavailableHeaders(503, headers);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // The router's refusals of what a client asked (no such route, a method it does not take) are
  // answered with their 4xx page; logging each would bury the real errors.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
