type Cell = string | number | null | undefined;

/**
 * RFC 4180 CSV. Cells starting with = + - @ are prefixed with ' so spreadsheet programs do not
 * run them as formulas (CSV injection).
 */
export function toCsv(rows: Cell[][]) {
  const cell = (value: Cell) => {
    if (value === null || value === undefined) return "";
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  // A byte-order mark so Excel opens accented Spanish text correctly.
  return "\uFEFF" + rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
