import type { HeadersFunction } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import * as accountPage from "#app/routes/account._index.tsx";
import * as forgotPage from "#app/routes/forgot-password.tsx";
import * as signupPage from "#app/routes/signup.tsx";
import * as verifyPage from "#app/routes/verify-email.tsx";
import { forwardRouteHeaders } from "#app/utils/route-headers.ts";
import { callRoute, type RouteResult } from "./call-route.ts";
import { makePerson } from "./world.ts";

// A 429 tells the client when to try again. Remix builds the HTTP response's headers from the
// route's `headers` export; without one it keeps only Set-Cookie from the action, so Retry-After
// never left the server. Each rate-limited route is driven to its limit and the headers Remix
// would send are computed from its own `headers` export.

/** The headers Remix sends for an action's answer, computed as Remix does for this route. */
function httpHeaders(route: { headers?: HeadersFunction }, answer: RouteResult) {
  expect(route.headers, "the route needs a headers export").toBeTypeOf("function");
  return new Headers(
    route.headers!({ actionHeaders: answer.headers, loaderHeaders: new Headers(), parentHeaders: new Headers(), errorHeaders: undefined }),
  );
}

async function untilLimited(send: () => Promise<RouteResult>, attempts = 30) {
  for (let i = 0; i < attempts; i++) {
    const answer = await send();
    if (answer.status === 429) return answer;
  }
  throw new Error("never rate limited");
}

function expectRetryAfter(headers: Headers) {
  const seconds = Number(headers.get("Retry-After"));
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(3600);
}

describe("429 answers carry Retry-After in the HTTP response", () => {
  test("forgot password", async () => {
    const answer = await untilLimited(() =>
      callRoute(forgotPage.action, { method: "POST", form: { email: "alguien@correo.pe" }, context: { clientIp: "203.0.113.41" } }),
    );
    expectRetryAfter(answer.headers);
    expectRetryAfter(httpHeaders(forgotPage, answer));
  });

  test("sign-up", async () => {
    const answer = await untilLimited(() =>
      callRoute(signupPage.action, {
        method: "POST",
        url: "http://localhost:3000/signup",
        form: { name: "Ana", email: `a${crypto.randomUUID().slice(0, 8)}@correo.pe`, password: "quinua-andina-2026", acceptPrivacy: "on" },
        context: { clientIp: "203.0.113.42" },
      }),
    );
    expectRetryAfter(httpHeaders(signupPage, answer));
  });

  test("email confirmation", async () => {
    const answer = await untilLimited(() =>
      callRoute(verifyPage.action, { method: "POST", form: { token: "nope" }, context: { clientIp: "203.0.113.43" } }),
    );
    expectRetryAfter(httpHeaders(verifyPage, answer));
  });

  test("resending the confirmation link from the account page", async () => {
    const person = makePerson("member", false);
    const answer = await untilLimited(() =>
      callRoute(accountPage.action, { method: "POST", cookie: person.cookie, form: { intent: "resend-verification" } }),
    );
    expectRetryAfter(answer.headers);
    expectRetryAfter(httpHeaders(accountPage, answer));
  });

  test("other headers pass through; cookies are left to Remix", () => {
    const headers = new Headers(
      forwardRouteHeaders({
        actionHeaders: new Headers({ "Retry-After": "60", "Set-Cookie": "a=1" }),
        loaderHeaders: new Headers({ "Cache-Control": "no-store" }),
        parentHeaders: new Headers({ "Set-Cookie": "b=2" }),
        errorHeaders: undefined,
      }),
    );
    expect(headers.get("Retry-After")).toBe("60");
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(headers.get("Set-Cookie")).toBeNull();
  });
});
