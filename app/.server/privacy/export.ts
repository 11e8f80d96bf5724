import { findUserById } from "#app/.server/auth/account.ts";
import { db } from "#app/.server/db.ts";
import { sourceRows, type DataSubject } from "#app/.server/personal-data.ts";
import { formatDateTime, formatDay, translate, translateCount, type Locale, type MessageKey } from "#app/i18n.ts";
import { PRIVACY_NOTICE_VERSION } from "#app/features/privacy/version.ts";
import { logDataRightsRequest } from "./requests.ts";
import { PERSONAL_DATA_SOURCES } from "./sources.ts";

/** Everything the platform holds about one person, as the JSON download gives it. */
export type PersonalDataExport = {
  platform: "Perú País Circular";
  /** ISO 8601 UTC. */
  generatedAt: string;
  /** The privacy notice in force when the export was made. */
  privacyNoticeVersion: string;
  person: { id: number; name: string; email: string; handle: string | null };
  /** Per feature ("account", "organisations", …), per "table.column" (or table), the rows. */
  sections: Record<string, Record<string, unknown[]>>;
};

/**
 * Reads everything the platform holds about `userId` (issue 13, the right of access): every
 * feature's PersonalDataSource, in one read transaction so the parts agree; secrets (password and
 * token hashes) and images left out. About one indexed statement per column referencing the person
 * (~40). Null for an unknown id. Writes nothing (see `exportPersonalData`).
 */
export function readPersonalData(userId: number, now = new Date()): PersonalDataExport | null {
  return db.transaction((tx) => {
    const user = findUserById(userId, tx);
    if (!user) return null;
    const person: DataSubject = { id: user.id, email: user.email, name: user.name, handle: user.handle };
    const sections: PersonalDataExport["sections"] = {};
    for (const source of PERSONAL_DATA_SOURCES) sections[source.section] = sourceRows(source, tx, person);
    return {
      platform: "Perú País Circular" as const,
      generatedAt: now.toISOString(),
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      person: { id: user.id, name: user.name, email: user.email, handle: user.handle },
      sections,
    };
  });
}

/**
 * The download of the person's data in `format` ("json": the whole export, indented; "html": a
 * readable document of the same, in `locale`), and a line in the coordinators' log (kind and time
 * only). `{ body, contentType, filename }`, e.g. filename `mis-datos-2026-11-30.json`; null for an
 * unknown id.
 */
export function exportPersonalData(userId: number, format: "json" | "html", locale: Locale, now = new Date()) {
  const data = readPersonalData(userId, now);
  if (!data) return null;
  logDataRightsRequest(format === "json" ? "export_json" : "export_html", db, now);
  const day = now.toISOString().slice(0, 10);
  const base = `${translate(locale, "privacy.export.filename")}-${day}`;
  return format === "json"
    ? { body: JSON.stringify(data, null, 2), contentType: "application/json; charset=utf-8", filename: `${base}.json` }
    : { body: personalDataHtml(data, locale), contentType: "text/html; charset=utf-8", filename: `${base}.html` };
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return escape(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return escape(JSON.stringify(value));
}

/**
 * The export as one self-contained HTML document in `locale` (no scripts, no outside resources):
 * who and when, then per feature each kind of record the person has, under a heading that says
 * what it is ("Your posts · 12 rows") and its table's name, as a table with the column names; a
 * feature with nothing says so. Every value escaped.
 */
export function personalDataHtml(data: PersonalDataExport, locale: Locale): string {
  const t = (key: MessageKey, vars?: Record<string, string>) => escape(translate(locale, key, vars));
  const parts: string[] = [];
  for (const [section, tables] of Object.entries(data.sections)) {
    parts.push(`<h2>${t(`privacy.export.section.${section}` as MessageKey)}</h2>`);
    const filled = Object.entries(tables).filter(([, rows]) => rows.length > 0);
    if (filled.length === 0) parts.push(`<p>${t("privacy.export.none")}</p>`);
    for (const [name, rows] of filled) {
      const label = t(`privacy.export.table.${name}` as MessageKey);
      parts.push(
        `<h3>${label} · ${escape(translateCount(locale, "privacy.export.rows", rows.length))}</h3>`,
        `<p class="technical">${t("privacy.export.technical", { name })}</p>`,
      );
      const columns = [...new Set(rows.flatMap((row) => Object.keys(row as object)))];
      const head = columns.map((c) => `<th scope="col">${escape(c)}</th>`).join("");
      const body = rows
        .map((row) => `<tr>${columns.map((c) => `<td>${cell((row as Record<string, unknown>)[c])}</td>`).join("")}</tr>`)
        .join("\n");
      parts.push(`<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`);
    }
  }
  const title = t("privacy.export.htmlTitle", { name: data.person.name });
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:72rem;padding:0 1rem;line-height:1.5;color:#1c1917}
.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.875rem;margin-bottom:1rem}
th,td{border:1px solid #d6d3d1;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f5f5f4}
td{max-width:40rem;overflow-wrap:anywhere}h3{font-size:1rem;font-weight:600;margin-bottom:0}
.technical{margin-top:0;font-size:.75rem;color:#57534e}
</style>
</head>
<body>
<h1>${title}</h1>
<p>${t("privacy.export.htmlIntro", { date: formatDateTime(locale, new Date(data.generatedAt)), version: formatDay(locale, data.privacyNoticeVersion) })}</p>
<p>${t("privacy.export.htmlPerson", { name: data.person.name, email: data.person.email })}</p>
${parts.join("\n")}
</body>
</html>
`;
}
