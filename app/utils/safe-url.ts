/**
 * `url` when a link to it is safe to follow: an absolute http(s) address as typed (no leading
 * space, no other scheme); otherwise undefined, and the address is shown as text only. The forms
 * accept only such addresses, but a row written another way (a script, an import, an older
 * version) reaches the page too, and React 18 writes any href it is given, javascript: included.
 */
export function httpHref(url: string | null | undefined): string | undefined {
  return url && /^https?:\/\/[^\s]/i.test(url) ? url : undefined;
}
