import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { XSS_PROBES } from "#tests/fixtures/xss-payloads.ts";
import { contextFor, launchChromium, watchedPage } from "./xss/browser.ts";
import { escapeAsReact, findInjections, markerTagsOf, parseHtml } from "./xss/check.ts";
import { parseCsv, parseIcs } from "./xss/formats.ts";

// The XSS suites' judges are not vacuous: the HTML reader and the rules find what they must and
// nothing in escaped text, and the Chromium watcher sees a probe run, a dialog and a CSP
// violation on a page built to have them (served by Playwright's router, not the app).

const ORIGIN = "http://127.0.0.1:1";
const rulesOf = (html: string) => findInjections(parseHtml(html).elements, ORIGIN).map((i) => `${i.rule}:${i.probeId}`);

test("injected markup is found, each finding naming its probe", () => {
  expect(rulesOf('<p><img xss5 src=x onerror="__xss(5)"></p>')).toEqual(["marker:5", "event-handler:5"]);
  expect(rulesOf('<a href=" java\tscript:__xss(6)">x</a>')).toEqual(["unsafe-url:6"]);
  expect(rulesOf('<a href="&#106;avascript&colon;__xss(7)">x</a>')).toEqual(["unsafe-url:7"]);
  expect(rulesOf('<iframe srcdoc="<script>parent.__xss(8)</script>"></iframe>')).toEqual(["element:8", "unsafe-url:8"]);
  expect(rulesOf('<meta http-equiv="refresh" content="0;url=javascript:__xss(9)">')).toEqual(["element:9"]);
  expect(rulesOf('<form action="https://evil.example/xss10"><button>x</button></form>')).toEqual(["element:10"]);
  expect(rulesOf('<svg><a xlink:href="javascript:__xss(11)">x</a></svg>')).toEqual(["unsafe-url:11"]);
  expect(rulesOf('<div style="background:url(javascript:__xss(12))">x</div>')).toEqual(["unsafe-url:12"]);
  // A probe ending the hydration script: the rest is a script of its own, without the nonce.
  expect(rulesOf('<script nonce="n">enqueue("</script><script xss13>__xss(13)</script>")</script>')).toEqual(["marker:13", "script:13"]);
  expect(rulesOf('<script nonce="n">enqueue("x");__xss(14);</script>')).toEqual(["script:14"]);
});

test("escaped text, attribute values and the hydration data's strings are not findings", () => {
  expect(rulesOf("<p>&lt;img xss5 src=x onerror=__xss(5)&gt;</p>")).toEqual([]);
  expect(rulesOf('<input value="&quot;&gt;&lt;img xss5 src=x onerror=__xss(5)&gt;" title="javascript:__xss(5)">')).toEqual([]);
  expect(rulesOf('<script nonce="n">enqueue("\\u003cimg xss5 onerror=__xss(5)\\u003e")</script>')).toEqual([]);
  expect(rulesOf('<textarea>"><img xss5 src=x onerror=__xss(5)></textarea><a href="https://ok.example/x">y</a><form action="/search"></form>')).toEqual([]);
});

test("every probe, escaped as React writes text, leaves no marker tag and nothing to find", () => {
  for (const probe of XSS_PROBES) {
    const html = `<p title="${escapeAsReact(probe.text)}">${escapeAsReact(probe.text)}</p>`;
    expect(rulesOf(html), probe.text).toEqual([]);
    for (const tag of markerTagsOf(probe)) expect(html.includes(tag), probe.text).toBe(false);
  }
  // …and unescaped, every probe that writes a marked tag is caught by one of the two.
  for (const probe of XSS_PROBES.filter((p) => markerTagsOf(p).length > 0)) {
    const html = `<div>${probe.text}</div>`;
    expect(rulesOf(html).length > 0 || markerTagsOf(probe).some((tag) => html.includes(tag)), probe.text).toBe(true);
  }
});

test("CSV and iCalendar readers refuse what escaped its cell or line", () => {
  expect(parseCsv('\uFEFFa,"b,""c""\r\nd",e\r\n')).toEqual([["a", 'b,"c"\r\nd', "e"]]);
  expect(() => parseCsv('a,b"c\r\n')).toThrow();
  expect(parseIcs("BEGIN:VEVENT\r\nSUMMARY:a\\, b\\;\\n\r\n  c\r\nEND:VEVENT\r\n").map((p) => [p.name, p.value])).toEqual([
    ["BEGIN", "VEVENT"],
    ["SUMMARY", "a, b;\n c"],
    ["END", "VEVENT"],
  ]);
  expect(() => parseIcs("SUMMARY:a\nURL:javascript:x\r\n")).toThrow(/bare line break/);
});

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

test("the Chromium watcher sees a probe run, a dialog, a CSP violation and a navigation away", async () => {
  const origin = "http://127.0.0.1:9";
  const context = await contextFor(browser, { origin }, null);
  await context.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const pages: Record<string, string> = {
      "/page": `<script nonce="abc">window.__remixRouter = {}; __xss(21); alert(22);</script><img src="x" onerror="__xss(23)"><p xss24>x</p>`,
      "/leave": `<script nonce="abc">location.replace("/away");</script>`,
      "/away": `<script nonce="abc">window.__remixRouter = {};</script>`,
    };
    return route.fulfill({
      status: 200,
      headers: { "Content-Type": "text/html", "Content-Security-Policy": "script-src 'nonce-abc'; img-src 'self'" },
      body: `<!doctype html>${pages[path] ?? ""}`,
    });
  });
  const { visit } = await watchedPage(context, origin);
  const seen = await visit("/page");
  expect(seen.executed).toEqual([21]);
  expect(seen.dialogs).toEqual(["alert: 22"]);
  // The inline handler is refused by the CSP (and reported), not run.
  expect(seen.violations.some((v) => v.startsWith("script-src-attr"))).toBe(true);
  expect(findInjections(seen.elements, origin).map((i) => `${i.rule}:${i.probeId}`)).toEqual(["script:21", "event-handler:23", "marker:24"]);
  expect(seen.navigatedTo).toBeNull();
  const left = await visit("/leave");
  expect(left.navigatedTo).toBe(`${origin}/away`);
  await context.close();
});
