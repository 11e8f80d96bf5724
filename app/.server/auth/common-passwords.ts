// Bundled as a string by Vite, so the server build needs no file beside it.
import commonPasswordList from "./common-passwords.txt?raw";

let commonPasswords: Set<string> | undefined;

function loadCommonPasswords() {
  const lines = commonPasswordList.split("\n");
  return new Set(lines.filter((line) => line && !line.startsWith("#")));
}

/** True when the password (case-insensitively) is on the shipped list of common passwords. */
export function isCommonPassword(password: string) {
  commonPasswords ??= loadCommonPasswords();
  return commonPasswords.has(password.toLowerCase());
}

export function commonPasswordCount() {
  commonPasswords ??= loadCommonPasswords();
  return commonPasswords.size;
}
