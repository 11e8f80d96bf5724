import fc from "fast-check";
import { rucCheckDigit } from "#app/features/organisations/ruc.ts";
import type { FieldInfo } from "./targets.ts";

// The hostile values the suite sends, as fast-check arbitraries. A value is text (sent encoded as
// a browser would: UTF-8, percent-encoded) or raw bytes (`{ raw }`, a latin1 string sent byte for
// byte: invalid UTF-8, lone surrogates as CESU-8, broken percent-encoding), which no browser API
// can produce but any client can send.

/** Bytes sent as they are (each character of `raw` is one byte, U+0000–U+00FF). */
export type Raw = { raw: string };
export type Value = string | Raw;

export const raw = (bytes: string): Raw => ({ raw: bytes });
export const isRaw = (value: unknown): value is Raw => typeof value === "object" && value !== null && "raw" in value;

/** A lone surrogate (U+D800–U+DFFF) as the three bytes a careless encoder writes (CESU-8). */
export function cesu8(codeUnit: number) {
  return String.fromCharCode(0xe0 | (codeUnit >> 12), 0x80 | ((codeUnit >> 6) & 0x3f), 0x80 | (codeUnit & 0x3f));
}

/** Percent-encodes bytes (a latin1 string) as a form or URL does. */
export const percentBytes = (bytes: string) => [...bytes].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`).join("");

const SQL = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "\"; DROP TABLE users; --",
  "1; SELECT * FROM sessions",
  "%' --",
  "1' UNION SELECT password_hash FROM users --",
  "') OR ('a'='a",
  "\\",
  "'",
  "''",
  "`",
  "$1",
  "?",
  ":name",
  "@p",
];
const FTS = [
  '"',
  '"unterminated',
  '""',
  "*",
  "a*",
  "*a",
  "NEAR(",
  "NEAR(a b",
  "NEAR(a b, 2)",
  "NEAR(a b, -1)",
  "OR",
  "AND",
  "NOT",
  "a OR",
  "OR b",
  "a AND NOT",
  "-",
  "-a",
  "^",
  "^a",
  "title:",
  "title:x",
  "body: x",
  "{title body}: x",
  "-title:x",
  "rank:1",
  "rowid:1",
  "x:y:z",
  "(",
  ")",
  "(a OR",
  "a + b",
  "agua NEAR/3 limpia",
  '"a" "b" OR "c"*',
  "\u0000",
  "a\u0000b",
];
const TRAVERSAL = [
  "../",
  "../../../../etc/passwd",
  "..%2f..%2fpackage.json",
  "%2e%2e/%2e%2e/",
  "%2e%2e%2f",
  "..\\..\\windows",
  "....//",
  "/etc/passwd",
  "./",
  ".",
  "..",
  "%00",
  "file:///etc/passwd",
  "build/server.js",
  "../data/app.sqlite",
];
const NUMBERS = ["-1", "0", "-0", "1e309", "NaN", "Infinity", "-Infinity", "9999999999999999999999", "9007199254740993", "0x10", "1.5", " 1 ", "١٢٣", "１２", "1e3", "+1", "2147483648", "-9223372036854775809", "0.0000001", "1,5"];
const DATES = ["2024-02-31", "0000-00-00", "9999-12-31", "2026-13-01T00:00", "2026-01-01T24:00", "2026-02-29T10:00", "1899-12-31", "2026-1-1", "20260101", "2026-01-01T00:00:00Z", "yesterday", "2026-01-01T09:00", "2100-01-01"];
const SHAPES = ["true", "false", "null", "undefined", "[]", "{}", "[object Object]", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "{\"a\":1}", "[1,2]"];
const MARKUP = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${7*7}", "<!--", "]]>", "&amp;", "&#0;"];
const HEADERISH = ["\r\nSet-Cookie: x=1", "a\rb", "a\nb", "%0d%0aLocation:%20//evil.example", "//evil.example", "/\\evil.example", "https://evil.example/", "/%E2%80%AE", "/\u202Eevil", "/森林", "/😀", "/\u0000", " /x", "/x\ty"];
const UNICODE = [
  "\u0000",
  "a\u0000b",
  "\u202E\u202Dtxt.exe",
  "\u200F\u200E",
  "\u200B\u200C\u200D\uFEFF",
  "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
  "Z̸̡̢̛̛̗̺͇̞̱̠̲̠͍̳̝̞͔͚̜̞̟̙̝̫̈́̔̓̋̉̀̆̽͐͊̆̑̓̊̓̕͠͝͝ͅ",
  "👩‍👩‍👧‍👦",
  "🇵🇪",
  "😀".repeat(50),
  "森林",
  "Ωμέγα",
  "עברית",
  "العربية",
  "ﷺ",
  "\uFFFF\uFFFE",
  "\u2028\u2029",
  "İı",
  "ß",
  "ﬃ",
  "Ǆ",
  "\u{10FFFF}",
  "\u001b[31m",
  "\u007f\u0080\u009f",
  "\uFFFD",
];
/** Byte sequences that are not UTF-8 (sent raw or percent-encoded). */
const BAD_BYTES = ["\xff", "\xfe\xff", "\xc0\xae", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\x80", "\xc3", "a\xe2\x82", "\xef\xbb\xbf"];
const BAD_PERCENT = ["%", "%%", "%G0", "%0", "%zz", "%u0041", "%%32%65", "%ED%A0%80", "%FF", "%C0%AE%C0%AE", "%E0%A4%A", "%F0%9F%98", "%00", "%2", "a%"];

/** Text no reply may echo by accident: the suite looks for these in bodies as signs of a leak. */
export const LEAK_MARKERS = ["Error:", "SqliteError", "node_modules", "at Object.", "at async"];
const carriesLeakMarker = (value: Value) => LEAK_MARKERS.some((m) => (typeof value === "string" ? value : value.raw).includes(m));

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff });

/** Strings near the limits: long and very long (up to 1 MB), and of the common maxima ±1. */
export const longText = fc.oneof(
  fc.constantFrom(0, 1, 2, 5, 20, 21, 80, 81, 100, 101, 150, 151, 200, 254, 255, 256, 257, 300, 301, 500, 501, 1000, 1001, 2000, 2001, 5000, 5001, 10_000, 10_001, 20_001, 65_536).chain((n) =>
    fc.constantFrom("a", "é", "😀", " ", "\u0301", "<", "%").map((unit) => unit.repeat(n)),
  ),
  fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => "x".repeat(n)),
);

/** Any hostile text value (fast-check also mixes in its own random strings). */
export const hostileText: fc.Arbitrary<Value> = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SQL, ...FTS) },
    { weight: 2, arbitrary: fc.constantFrom(...TRAVERSAL, ...HEADERISH) },
    { weight: 3, arbitrary: fc.constantFrom(...UNICODE) },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBERS, ...DATES, ...SHAPES, ...MARKUP) },
    { weight: 2, arbitrary: fc.constantFrom("", " ", "   ", "\t", "\n", "\r\n", "\u00a0", "\u3000") },
    { weight: 1, arbitrary: longText },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 5 }), loneSurrogate, fc.string({ maxLength: 5 })).map(([a, s, b]) => raw(percentForm(a) + percentBytes(cesu8(s)) + percentForm(b))) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_BYTES).map((bytes) => raw(bytes)) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_BYTES).map((bytes) => raw(percentBytes(bytes))) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_PERCENT).map((text) => raw(text)) },
  )
  .filter((value) => !carriesLeakMarker(value));

/** A form-style (application/x-www-form-urlencoded) encoding of text, UTF-8, spaces as "+". */
export function percentForm(text: string) {
  // encodeURIComponent throws on lone surrogates; those are sent as raw bytes elsewhere.
  return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, "\uFFFD")).replace(/%20/g, "+");
}

/** A valid RUC (prefix 20, check digit computed as SUNAT does). */
export function validRuc(seed: number) {
  const firstTen = `20${String(100_000_000 + (seed % 899_999_999)).padStart(8, "0").slice(0, 8)}`;
  return `${firstTen}${rucCheckDigit(firstTen)}`;
}

/** Values some fields need to be valid that their schema alone does not say (formats checked by refine/regex). */
const VALID_BY_NAME: Record<string, (n: number) => string> = {
  startsAt: () => "2026-11-10T09:00",
  endsAt: () => "2026-11-10T12:00",
  registrationOpensAt: () => "2026-09-01T09:00",
  registrationClosesAt: () => "2026-11-01T09:00",
  startOn: () => "2026-01-01",
  endOn: () => "2026-12-31",
  availableFrom: () => "2026-06-01",
  availableUntil: () => "2026-12-31",
  occurredOn: () => "2025-03-01",
  reportedOn: () => "2025-03-01",
  signedOn: () => "2021-05-01",
  quantity: () => "12,5",
  price: () => "150.00",
  value: () => "80",
  financingAmount: () => "25000",
  ruc: (n) => validRuc(n),
  website: () => "https://example.pe",
  onlineUrl: () => "https://example.pe/sala",
  email: (n) => `hostil+${n}@example.pe`,
  newEmail: (n) => `hostil-nuevo+${n}@example.pe`,
  contactEmail: () => "contacto@example.pe",
  password: () => "No-es-la-clave-2026",
  currentPassword: () => "No-es-la-clave-2026",
  newPassword: () => "Otra-frase-larga-de-paso-77",
  redirectTo: () => "/organisations",
  lang: () => "en",
  locale: () => "es",
  format: () => "json",
  token: () => "AAAAAAAAAAAAAAAAAAAAAA",
  formToken: () => "AAAAAAAAAAAAAAAAAAAAAA",
  handle: () => "nadie_conocido",
  days: () => "7",
};

/** A valid-looking value for a field (the baseline each generated form starts from). */
export function validValue(field: FieldInfo, n: number): string | string[] {
  const byName = VALID_BY_NAME[field.name];
  if (byName) return byName(n);
  switch (field.kind) {
    case "choice":
    case "literal":
      return field.options?.[n % field.options.length] ?? "";
    case "choices":
      return field.options ? [field.options[n % field.options.length]!] : [];
    case "email":
      return `hostil+${n}@example.pe`;
    case "url":
      return "https://example.pe";
    case "number":
      return String(Math.max(field.min ?? 1, Math.min(field.max ?? 1_000_000, 1)));
    default: {
      const min = field.min ?? 0;
      const text = "Texto de prueba para el formulario";
      return text.length >= min ? text.slice(0, field.max ?? text.length) : text.padEnd(min, "x");
    }
  }
}
