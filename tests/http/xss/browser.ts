import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { BuiltServer } from "../server.ts";
import type { ElementInfo } from "./check.ts";

// Chromium for the XSS suites: Debian's browser (no download), JavaScript on, every page watched
// for what a probe could make happen — a call to the global marker `__xss(N)` (exposed to the page
// and to its frames before any of its scripts run), a JavaScript dialog, a CSP violation (the
// `securitypolicyviolation` event, listened for from the first script, and the console's
// "Refused to …" messages), an uncaught error, or a navigation away from the page.

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/** What one page load showed. */
export type Visit = {
  path: string;
  status: number;
  /** Probe numbers passed to `__xss(N)`. */
  executed: number[];
  /** Messages of JavaScript dialogs (alert, confirm, prompt, beforeunload). */
  dialogs: string[];
  /** CSP violations: "directive blocked-uri" from the event, and the console's refusals. */
  violations: string[];
  /** Uncaught errors in the page. */
  errors: string[];
  /** The URL the page ended on, when it is not the one loaded (a meta refresh, a base or form hijack). */
  navigatedTo: string | null;
  /** The live DOM after hydration, for findInjections. */
  elements: ElementInfo[];
};

/**
 * A browser context for one person on the built server: anonymous, or signed in with a session
 * token. The production session cookie is `__Host-session` (Secure, Path=/, no Domain); the
 * server is reached as http://127.0.0.1:PORT, which Chromium counts as a secure context (loopback
 * is "potentially trustworthy"), so it keeps and sends Secure cookies there. Playwright's
 * addCookies refuses the cookie when given a `url` (CDP then derives fields that break the
 * `__Host-` rules: "Invalid cookie fields"), so it is given as domain (host-only: no leading dot)
 * + path "/" + secure, which satisfies them.
 */
export async function contextFor(browser: Browser, server: Pick<BuiltServer, "origin">, sessionToken: string | null) {
  const context = await browser.newContext({ locale: "es-PE", javaScriptEnabled: true });
  await setSession(context, server, sessionToken);
  return context;
}

/** Whether two URLs name the same page: same origin and path, same query parameters once decoded (the browser writes `'` where encodeURIComponent wrote %27). */
function sameAddress(a: string, b: string) {
  const [x, y] = [new URL(a), new URL(b)];
  return x.origin === y.origin && x.pathname === y.pathname && JSON.stringify([...x.searchParams]) === JSON.stringify([...y.searchParams]);
}

/** Signs a context in as the holder of `sessionToken` (null: signs it out); see contextFor. */
export async function setSession(context: BrowserContext, server: Pick<BuiltServer, "origin">, sessionToken: string | null) {
  await context.clearCookies({ name: "__Host-session" });
  if (!sessionToken) return;
  const { hostname } = new URL(server.origin);
  await context.addCookies([{ name: "__Host-session", value: sessionToken, domain: hostname, path: "/", secure: true, httpOnly: true, sameSite: "Lax" }]);
}

type Watch = { executed: number[]; dialogs: string[]; violations: string[]; errors: string[] };

/** A page that records what probes make happen; `visit` loads a path in it and reads its DOM. */
export async function watchedPage(context: BrowserContext, origin: string) {
  const page: Page = await context.newPage();
  let watch: Watch = { executed: [], dialogs: [], violations: [], errors: [] };
  await page.exposeFunction("__xss", (n: unknown) => {
    watch.executed.push(Number(n));
  });
  await page.exposeFunction("__cspViolation", (text: unknown) => {
    watch.violations.push(String(text));
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
        `${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
      );
    });
  });
  page.on("dialog", (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (?:execute|load|apply|frame|connect|send)/i.test(message.text()))
      watch.violations.push(`console: ${message.text().slice(0, 200)}`);
  });
  page.on("pageerror", (error) => watch.errors.push(error.message.slice(0, 200)));

  async function visit(path: string): Promise<Visit> {
    watch = { executed: [], dialogs: [], violations: [], errors: [] };
    const url = origin + path;
    const response = await page.goto(url, { waitUntil: "load" });
    // Hydration: the app's module scripts ran once Remix's router exists; then two frames for
    // React to commit and for handlers set up on mount (autofocus, animations) to fire. One round
    // trip: waiting and reading the DOM happen in the page.
    const settled = await page.evaluate(settleAndCollect).catch((error: Error) => ({ hydrated: false, elements: [] as ElementInfo[], error: error.message }));
    if (!settled.hydrated) watch.errors.push(`not hydrated within 10 s${"error" in settled ? `: ${settled.error}` : ""}`);
    const elements = settled.elements;
    const current = page.url();
    return {
      path,
      status: response?.status() ?? 0,
      ...watch,
      navigatedTo: sameAddress(current, url) ? null : current,
      elements,
    };
  }

  return { page, visit };
}

/**
 * Runs in the page: waits (up to 10 s) for hydration and two more frames, then answers every
 * element of the document with its attributes; scripts with their text and whether they carry a
 * nonce. Self-contained (Playwright sends its source to the page).
 */
async function settleAndCollect(): Promise<{ hydrated: boolean; elements: ElementInfo[] }> {
  const deadline = Date.now() + 10_000;
  while (!("__remixRouter" in window) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  const hydrated = "__remixRouter" in window;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 30))));
  const elements: ElementInfo[] = [];
  for (const element of Array.from(document.querySelectorAll("*"))) {
    const info: ElementInfo = {
      tag: element.tagName.toLowerCase(),
      attributes: Array.from(element.attributes).map((a) => [a.name, a.value] as [string, string]),
    };
    if (element instanceof HTMLScriptElement) {
      info.text = element.text;
      // The browser hides a nonce from the attribute once CSP has read it; the property keeps it.
      info.nonce = (element.nonce ?? "").length > 0;
    }
    elements.push(info);
  }
  return { hydrated, elements };
}
