import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { XSS_PROBES, type XssProbe } from "#tests/fixtures/xss-payloads.ts";
import { HttpClient } from "../client.ts";
import { recordFigures, type Figure } from "../figures.ts";
import type { BuiltServer } from "../server.ts";
import { contextFor, launchChromium, setSession, watchedPage, type Visit } from "./browser.ts";
import { escapeAsReact, findInjections, markerTagsOf, parseHtml, type Injection } from "./check.ts";

// The XSS suites' shared runner (issue 14). A suite writes the probes into a feature's text fields
// (through the features' own functions, and a sample through the real forms), then names each
// page that shows them: which fields, written with which probes, as whom. `checkPage` then
//   1. fetches the page's HTML from the built server and reads it (check.ts): each field shown
//      (its tag found in the markup), no probe's marker tag verbatim anywhere in the HTML, plain
//      fields' text present exactly as React escapes it, and nothing that could run script;
//   2. opens it in Chromium with JavaScript on and reads what happened (browser.ts): probe calls,
//      dialogs, CSP violations, errors, navigations, and the same judgement on the live DOM.
// Everything found is kept (not thrown at once) so one run reports every fault.

/** A field's text on one record: a tag (a word only this field of this record has) and probes. */
export type FieldWrite = {
  /** "organisation.name", "post.body"… */
  field: string;
  /**
   * A word unique to this field and record, written first: finding it proves the field is shown.
   * Null for a bare write (the probe alone, as a URL field or a spreadsheet cell must start with
   * it): then the probe's escaped text itself is looked for.
   */
  tag: string | null;
  probes: readonly XssProbe[];
  /** The whole stored text. */
  text: string;
};

/** Joins a tag and probes into one field's text; markdown fields get a blank line between probes. */
export function fieldText(tag: string, probes: readonly XssProbe[], markdown: boolean) {
  return [tag, ...probes.map((p) => p.text)].join(markdown ? "\n\n" : " ");
}

let tags = 0;
/** A new field write: its tag is "zq<field letters><n>z" (letters and digits survive any rendering). */
export function writeField(field: string, probes: readonly XssProbe[], { markdown = false } = {}): FieldWrite {
  tags += 1;
  const tag = `zq${field.replace(/[^a-z]/gi, "").toLowerCase()}${tags}z`;
  return { field, tag, probes, text: fieldText(tag, probes, markdown) };
}

/** A field holding one probe's text and nothing else (URL fields, values a format must escape from their first character). */
export function bareField(field: string, probe: XssProbe): FieldWrite {
  return { field, tag: null, probes: [probe], text: probe.text };
}

/**
 * Field writes holding every probe that fits a field of at most `max` characters (tag included),
 * as few writes as possible, probes in order; probes longer than the field allows are left out
 * (the feature refuses them, and the suite counts only what was shown).
 */
export function packedFields(
  field: string,
  max: number,
  { markdown = false, probes = XSS_PROBES }: { markdown?: boolean; probes?: readonly XssProbe[] } = {}
): FieldWrite[] {
  const writes: FieldWrite[] = [];
  let current: XssProbe[] = [];
  const fits = (list: XssProbe[]) => fieldText(`zq${field.replace(/[^a-z]/gi, "").toLowerCase()}9999z`, list, markdown).trim().length <= max;
  for (const probe of probes) {
    if (!fits([probe])) continue;
    if (fits([...current, probe])) current.push(probe);
    else {
      writes.push(writeField(field, current, { markdown }));
      current = [probe];
    }
  }
  if (current.length) writes.push(writeField(field, current, { markdown }));
  return writes;
}

/** The probes in `size`-long groups (the last may be shorter): one group per record. */
export function probeGroups(size: number, probes: readonly XssProbe[] = XSS_PROBES): XssProbe[][] {
  const groups: XssProbe[][] = [];
  for (let i = 0; i < probes.length; i += size) groups.push(probes.slice(i, i + size));
  return groups;
}

/**
 * Whether `text` is in the markup exactly as React escapes it. Line breaks may come back as LF
 * (a textarea's CR LF) or not at all (a one-line input drops them, as browsers do).
 */
function shownVerbatim(markup: string, text: string) {
  return [text, text.replace(/\r\n?/g, "\n"), text.replace(/[\r\n]/g, "")].some((variant) => markup.includes(escapeAsReact(variant)));
}

/** How a field appears on a page: inside markup written by React (plain) or as rendered markdown. */
export type Shown = { write: FieldWrite; plain?: boolean };

export type PageSpec = {
  path: string;
  /** The session token of who looks (null: anonymous). */
  as: string | null;
  /** Who that is, for reports ("anonymous", "owner", "coordinator"…). */
  who: string;
  shows: Shown[];
  /** Expected HTTP status (200). */
  status?: number;
  /**
   * False: read in the HTML only. For pages of one kind whose fields and probes are opened in
   * Chromium on other pages of the same kind (e.g. the rest of a hundred thread pages).
   */
  browser?: boolean;
};

/** One fault, as the report lists it. */
export type Fault = {
  where: string;
  kind: string;
  detail: string;
  probe: XssProbe | null;
};

export class XssSuite {
  readonly faults: Fault[] = [];
  /** Probes seen escaped per field ("post.body"; a write's "(…)" remark left out). */
  readonly shown = new Map<string, Set<number>>();
  htmlPages = 0;
  /** Pages read in the HTML but not opened in Chromium (PageSpec.browser false). */
  htmlOnlyPages = 0;
  chromiumPages = 0;
  escapedChecks = 0;
  executions = 0;
  dialogs = 0;
  violations = 0;
  injectedInHtml = 0;
  injectedInDom = 0;
  formWrites = 0;
  /** Other checks (feeds, calendars, CSV) counted by the suites themselves. */
  formatChecks = 0;
  private browser: Browser | null = null;
  private watcher: { context: BrowserContext; visit: (path: string) => Promise<Visit> } | null = null;
  private signedInAs: string | null = null;
  private xmlPage: Page | null = null;

  constructor(readonly area: string, readonly server: BuiltServer) {}

  async start() {
    this.browser = await launchChromium();
  }

  async close() {
    await this.watcher?.context.close();
    await this.xmlPage?.context().close();
    await this.browser?.close();
  }

  client(token: string | null) {
    return token ? HttpClient.withSession(this.server, token) : new HttpClient(this.server);
  }

  fault(where: string, kind: string, detail: string, probeId: number | null = null) {
    this.faults.push({
      where,
      kind,
      detail,
      probe: probeId === null ? null : XSS_PROBES[probeId - 1] ?? null,
    });
  }

  private noteInjections(where: string, found: Injection[], stage: "html" | "dom") {
    for (const injection of found) {
      this.fault(where, `${stage}:${injection.rule}`, injection.detail, injection.probeId);
      if (stage === "html") this.injectedInHtml += 1;
      else this.injectedInDom += 1;
    }
  }

  /** Checks an HTML answer (already fetched) against what it should show; returns the markup outside scripts. */
  checkHtml(where: string, html: string, shows: Shown[]) {
    this.htmlPages += 1;
    const { elements, markup } = parseHtml(html);
    this.noteInjections(where, findInjections(elements, this.server.origin), "html");
    for (const { write, plain } of shows) {
      this.noteField(write.field);
      const mark = write.tag ?? escapeAsReact(write.text);
      if (!markup.includes(mark)) {
        this.fault(where, "not-shown", `${write.field} (${write.tag ?? JSON.stringify(write.text)}) is not in the page`);
        continue;
      }
      for (const probe of write.probes) {
        this.noteShown(write.field, [probe]);
        this.escapedChecks += 1;
        for (const tag of markerTagsOf(probe)) {
          if (html.includes(tag)) this.fault(where, "html:unescaped", `${write.field}: ${tag}`, probe.id);
        }
      }
      if (plain && !shownVerbatim(markup, write.text)) {
        const missing = write.probes.find((probe) => !shownVerbatim(markup, probe.text));
        this.fault(
          where,
          "html:not-verbatim",
          `${write.field}: its text is not in the page exactly as escaped text${missing ? ` (first probe missing: ${missing.id})` : ""}`,
          missing?.id ?? null
        );
      }
    }
    return markup;
  }

  /** The page's HTML over HTTP, then the page in Chromium; both judged. */
  async checkPage(spec: PageSpec) {
    const where = `${spec.who} ${spec.path}`;
    const answer = await this.client(spec.as).get(spec.path);
    if (answer.status !== (spec.status ?? 200)) {
      this.fault(where, "status", `answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      return;
    }
    this.checkHtml(where, answer.body, spec.shows);
    if (spec.browser === false) {
      this.htmlOnlyPages += 1;
      return;
    }
    await this.checkInBrowser(where, spec.path, spec.as);
  }

  /** Opens a page in Chromium as someone and records what probes made happen. */
  async checkInBrowser(where: string, path: string, token: string | null) {
    // One context for the whole suite, its cookie switched to whoever looks: a fresh context per
    // person would download the app's scripts again each time (≈ 1.5 s a page instead of 0.4 s).
    if (!this.watcher) {
      const context = await contextFor(this.browser!, this.server, null);
      const { visit } = await watchedPage(context, this.server.origin);
      this.watcher = { context, visit };
    }
    if (this.signedInAs !== token) {
      await setSession(this.watcher.context, this.server, token);
      this.signedInAs = token;
    }
    const watcher = this.watcher;
    const visit = await watcher.visit(path);
    this.chromiumPages += 1;
    for (const n of visit.executed) {
      this.executions += 1;
      this.fault(where, "chromium:executed", `__xss(${n}) ran`, n);
    }
    for (const message of visit.dialogs) {
      this.dialogs += 1;
      this.fault(where, "chromium:dialog", message, Number(/\d+/.exec(message)?.[0] ?? NaN) || null);
    }
    for (const violation of visit.violations) {
      this.violations += 1;
      this.fault(where, "chromium:csp-violation", violation);
    }
    for (const error of visit.errors) this.fault(where, "chromium:error", error);
    if (visit.navigatedTo) this.fault(where, "chromium:navigated", visit.navigatedTo);
    this.noteInjections(where, findInjections(visit.elements, this.server.origin), "dom");
  }

  /**
   * Reads an Atom feed with Chromium's XML parser (a feed that is not well-formed XML is a fault)
   * and checks each expected write: plain-text constructs (title, author) must hold the field's
   * text exactly (less the control characters XML cannot carry); `content type="html"` must be
   * HTML in which nothing could run (check.ts) and no probe's marker tag appears verbatim.
   */
  async checkAtom(where: string, xml: string, expects: Array<{ write: FieldWrite; as: "title" | "author" | "content" }>) {
    this.xmlPage ??= await this.browser!.newPage();
    const parsed = await this.xmlPage.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const error = doc.getElementsByTagName("parsererror")[0];
      if (error) return { error: error.textContent ?? "parsererror", entries: [] };
      const entries = Array.from(doc.getElementsByTagName("entry")).map((entry) => {
        const child = (name: string) => entry.getElementsByTagName(name)[0];
        return {
          title: child("title")?.textContent ?? "",
          titleType: child("title")?.getAttribute("type") ?? "text",
          author: child("name")?.textContent ?? "",
          content: child("content")?.textContent ?? "",
          contentType: child("content")?.getAttribute("type") ?? "",
        };
      });
      return { error: null, entries };
    }, xml);
    if (parsed.error) {
      this.fault(where, "atom:not-xml", parsed.error.slice(0, 200));
      return;
    }
    // What an XML reader gets back from a text: the characters XML cannot carry dropped (as the
    // writer does), line ends normalised to LF (XML 1.0 §2.11).
    // eslint-disable-next-line no-control-regex
    const asXml = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/\r\n?/g, "\n");
    for (const { write, as } of expects) {
      this.noteField(write.field);
      const mark = write.tag ?? asXml(write.text);
      const entry = parsed.entries.find((e) => (as === "content" ? e.content : as === "author" ? e.author : e.title).includes(mark));
      if (!entry) {
        this.fault(where, "not-shown", `${write.field} (${mark.slice(0, 60)}) is not in the feed's ${as}`);
        continue;
      }
      this.formatChecks += write.probes.length;
      this.noteShown(write.field, write.probes);
      if (as === "title" && (entry.title !== asXml(write.text) || entry.titleType !== "text"))
        this.fault(where, "atom:title", `${write.field}: not the plain text written (${entry.titleType})`);
      if (as === "author" && entry.author !== asXml(write.text))
        this.fault(where, "atom:author", `${write.field}: not the plain text written: ${JSON.stringify(entry.author).slice(0, 200)}`);
      if (as === "content") {
        if (entry.contentType !== "html") this.fault(where, "atom:content", `content type ${entry.contentType}`);
        this.noteInjections(`${where} (entry content)`, findInjections(parseHtml(entry.content).elements, this.server.origin), "html");
        for (const probe of write.probes)
          for (const tag of markerTagsOf(probe)) if (entry.content.includes(tag)) this.fault(where, "atom:unescaped", tag, probe.id);
      }
    }
  }

  /** A field a page was checked for (its probes counted by noteShown). */
  noteField(field: string) {
    const key = field.replace(/\s*\(.*\)$/, "");
    if (!this.shown.has(key)) this.shown.set(key, new Set());
    return this.shown.get(key)!;
  }

  /** Probes of a field found written as text (in a page, a feed, a calendar or a CSV). */
  noteShown(field: string, probes: readonly XssProbe[]) {
    const seen = this.noteField(field);
    for (const probe of probes) seen.add(probe.id);
  }

  /** Runs a test's checks and answers the faults they found (the test expects none). */
  async faultsOf(checks: () => Promise<void> | void): Promise<Fault[]> {
    const mark = this.faults.length;
    await checks();
    return this.faults.slice(mark);
  }

  /** A readable list of faults (all of them by default), for an assertion message. */
  report(faults: readonly Fault[] = this.faults) {
    return faults
      .slice(0, 60)
      .map(
        (f) => `${f.kind} @ ${f.where}: ${f.detail}${f.probe ? ` [probe ${f.probe.id} ${f.probe.family}: ${JSON.stringify(f.probe.text).slice(0, 100)}]` : ""}`
      )
      .join("\n");
  }

  /**
   * Records this file's counts for the run (beside the run's database copies), then the figures
   * of every XSS file of the run so far under data/quality/xss.json: the files run in
   * parallel, so each one rewrites the total and the last to finish writes all of them.
   */
  record() {
    const runDir = process.env.HTTP_TEST_TMP_DIR;
    if (!runDir) return;
    const partsDir = path.join(runDir, "xss-parts");
    fs.mkdirSync(partsDir, { recursive: true });
    const part: XssPart = {
      area: this.area,
      shown: Object.fromEntries([...this.shown].map(([field, ids]) => [field, [...ids]])),
      htmlPages: this.htmlPages,
      htmlOnlyPages: this.htmlOnlyPages,
      chromiumPages: this.chromiumPages,
      escapedChecks: this.escapedChecks,
      formatChecks: this.formatChecks,
      formWrites: this.formWrites,
      executions: this.executions + this.dialogs,
      violations: this.violations,
      injected: this.injectedInHtml + this.injectedInDom,
      faults: this.faults.length,
    };
    fs.writeFileSync(path.join(partsDir, `${this.area}.json`), JSON.stringify(part));
    const parts = fs.readdirSync(partsDir).map((name) => JSON.parse(fs.readFileSync(path.join(partsDir, name), "utf8")) as XssPart);
    recordFigures("xss", xssFigures(parts));
  }
}

/** What one XSS file counted in a run (XssSuite.record). */
type XssPart = {
  area: string;
  /** Probe numbers found escaped, per field. */
  shown: Record<string, number[]>;
  htmlPages: number;
  htmlOnlyPages: number;
  chromiumPages: number;
  escapedChecks: number;
  formatChecks: number;
  formWrites: number;
  executions: number;
  violations: number;
  injected: number;
  faults: number;
};

// The XSS files of the suite (tests/http/xss-<area>.test.ts), for "all of them counted".
const XSS_FILES = fs
  .readdirSync(path.resolve("tests/http"))
  .filter((name) => /^xss-.+\.test\.ts$/.test(name) && name !== "xss-harness.test.ts")
  .map((name) => name.slice(4, -8));

// Fields that take too few characters for most payloads: indicators hold a number of at most 20.
const SHORT_FIELDS = new Set(["progressUpdate.indicator"]);

/** The figures of the XSS suite from its files' counts (docs/quality.md). */
function xssFigures(parts: readonly XssPart[]): Figure[] {
  const suite = "XSS";
  const sum = (key: keyof Omit<XssPart, "area" | "shown">) => parts.reduce((n, part) => n + part[key], 0);
  const fields = new Map<string, Set<number>>();
  for (const part of parts)
    for (const [field, ids] of Object.entries(part.shown)) ids.forEach((id) => (fields.get(field) ?? fields.set(field, new Set()).get(field)!).add(id));
  const probes = new Set([...fields.values()].flatMap((ids) => [...ids]));
  const under100 = [...fields].filter(([, ids]) => ids.size < 100).map(([field, ids]) => `${field} ${ids.size}`);
  const missing = XSS_FILES.filter((area) => !parts.some((part) => part.area === area));
  const figure = (measure: string, value: number, target: string, met: boolean, note?: string): Figure => ({
    suite,
    measure,
    value,
    target,
    met,
    ...(note ? { note } : {}),
  });
  return [
    figure(
      "files counted",
      parts.length,
      `${XSS_FILES.length} (${XSS_FILES.join(", ")})`,
      missing.length === 0,
      missing.length ? `not run: ${missing.join(", ")}` : undefined
    ),
    figure("distinct payloads shown", probes.size, "≥ 100", probes.size >= 100, `of ${XSS_PROBES.length} in tests/fixtures/xss-payloads.ts`),
    figure("user text fields checked", fields.size, "every rendered one", true, [...fields.keys()].sort().join(", ")),
    figure(
      "fields shown with fewer than 100 payloads",
      under100.length,
      `0, but for fields too short for most: ${[...SHORT_FIELDS].join(", ")}`,
      under100.every((entry) => SHORT_FIELDS.has(entry.split(" ")[0]!)),
      under100.length ? under100.join("; ") : undefined
    ),
    figure(
      "pages read in the HTML",
      sum("htmlPages"),
      "—",
      true,
      `${sum("htmlOnlyPages")} of them in the HTML only (other pages of the same kind opened in Chromium)`
    ),
    figure("page loads in Chromium", sum("chromiumPages"), "—", true, "JavaScript on, signed in as whoever sees the page"),
    figure("escaped-in-HTML checks (page × field × payload)", sum("escapedChecks"), "—", true),
    figure("format checks in feeds, calendars and CSV (field × payload)", sum("formatChecks"), "—", true),
    figure(
      "fields written through the real forms",
      sum("formWrites"),
      "a sample of every area",
      parts.every((part) => part.formWrites > 0)
    ),
    figure("payloads executed in Chromium", sum("executions"), "0", sum("executions") === 0, "__xss(N) calls and JavaScript dialogs"),
    figure("CSP violations in Chromium", sum("violations"), "0", sum("violations") === 0),
    figure("injected elements or attributes (HTML and live DOM)", sum("injected"), "0", sum("injected") === 0),
    figure("faults of any kind (unescaped, not shown, errors, format)", sum("faults"), "0", sum("faults") === 0),
  ];
}
