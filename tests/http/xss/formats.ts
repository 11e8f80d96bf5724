// Readers for the non-HTML downloads that embed user text (issue 14's XSS suite): CSV (RFC 4180)
// and iCalendar (RFC 5545). Each is strict where the format is: text that escaped its cell or its
// property shows up as an extra cell, row or property.

/** Rows of cells of an RFC 4180 CSV text (CRLF or LF rows; quoted cells with "" for a quote). Throws on a malformed quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = text.startsWith("\uFEFF") ? 1 : 0;
  let quoted = false;
  let atCellStart = true;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          const next = text[i + 1];
          if (next !== undefined && next !== "," && next !== "\r" && next !== "\n")
            throw new Error(`CSV: text after a closing quote at ${i}: ${JSON.stringify(text.slice(i - 20, i + 20))}`);
        }
      } else cell += c;
      continue;
    }
    if (c === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (c === '"') throw new Error(`CSV: a quote inside an unquoted cell at ${i}: ${JSON.stringify(text.slice(i - 20, i + 20))}`);
    else if (c === ",") {
      row.push(cell);
      cell = "";
      atCellStart = true;
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atCellStart = true;
    } else {
      cell += c;
      atCellStart = false;
    }
  }
  if (quoted) throw new Error("CSV: an unterminated quoted cell");
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** What a spreadsheet would take for a formula: a cell starting with = + - @ (or a tab/CR before one). */
export const looksLikeFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);

/** One iCalendar content line, unfolded: NAME;PARAMS:VALUE with the value unescaped. */
export type IcsProperty = {
  name: string;
  params: string;
  value: string;
  raw: string;
};

/**
 * The content lines of an iCalendar text (RFC 5545): lines end with CRLF, folded lines (CRLF then a
 * space or tab) are joined, each is NAME[;PARAM=…]:VALUE. TEXT values are unescaped (\\ \; \, \n).
 * Throws on a bare LF or CR (a line the escaping let through) and on a line without a name.
 */
export function parseIcs(text: string): IcsProperty[] {
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) {
    const at = text.search(/\r(?!\n)|(?<!\r)\n/);
    throw new Error(`ICS: a bare line break at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}`);
  }
  const unfolded = text.replace(/\r\n[ \t]/g, "");
  const properties: IcsProperty[] = [];
  for (const line of unfolded.split("\r\n")) {
    if (line === "") continue;
    const match = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/s.exec(line);
    if (!match) throw new Error(`ICS: not a content line: ${JSON.stringify(line.slice(0, 120))}`);
    const value = match[3]!.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
    properties.push({
      name: match[1]!.toUpperCase(),
      params: match[2]!,
      value,
      raw: line,
    });
  }
  return properties;
}
