import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";

type Handler = (args: ActionFunctionArgs) => unknown;

export type RouteResult = { status: number; headers: Headers; data: unknown };

/**
 * Calls a loader or action with a real Request, the way Remix does, and normalises what comes
 * back (a thrown or returned Response, `data(...)`, or a plain object) into status/headers/data.
 */
export async function callRoute(
  handler: Handler,
  { url = "http://localhost:3000/", method = "GET", form, cookie, context = { clientIp: "203.0.113.7" }, headers, params = {} }: {
    url?: string;
    method?: string;
    /** The posted fields; pairs when a field repeats (checkboxes). */
    form?: Record<string, string> | Array<[string, string]>;
    cookie?: string;
    context?: AppLoadContext;
    headers?: Record<string, string>;
    params?: Record<string, string>;
  } = {},
): Promise<RouteResult> {
  const requestHeaders = new Headers(headers);
  if (cookie) requestHeaders.set("Cookie", cookie);
  const request = new Request(url, {
    method,
    headers: requestHeaders,
    body: form ? new URLSearchParams(form) : undefined,
  });
  let result: unknown;
  try {
    result = await handler({ request, params, context });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    const text = await result.text();
    return { status: result.status, headers: result.headers, data: text };
  }
  if (result && typeof result === "object" && "type" in result && result.type === "DataWithResponseInit") {
    const { data, init } = result as unknown as { data: unknown; init?: ResponseInit };
    return { status: init?.status ?? 200, headers: new Headers(init?.headers), data };
  }
  return { status: 200, headers: new Headers(), data: result };
}

/** The cookies a response sets, as a `Cookie` header for the next request. */
export function cookiesFrom(headers: Headers, previous = "") {
  const jar = new Map(previous.split("; ").filter(Boolean).map((c) => c.split("=", 2) as [string, string]));
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, value = ""] = pair!.split("=", 2) as [string, string];
    if (/Max-Age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}
