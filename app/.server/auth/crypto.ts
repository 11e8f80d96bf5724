import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** Random string from the CSPRNG; 20 bytes = 160 bits, base32 encoded. */
export function randomToken(bytes = 20) {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

export function hashSecret(secret: string): Buffer {
  return Buffer.from(sha256(new TextEncoder().encode(secret)));
}

export function secretMatches(secret: string, storedHash: Uint8Array) {
  return constantTimeEqual(hashSecret(secret), new Uint8Array(storedHash));
}

/**
 * Tokens have the shape `id.secret`: the id finds the row, the secret is checked against the
 * stored SHA-256 in constant time. A database leak therefore reveals no usable token.
 */
export function newSplitToken() {
  const id = randomToken(10);
  const secret = randomToken(20);
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function parseSplitToken(token: string | null | undefined) {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  if (!/^[a-z2-7]{1,64}$/.test(parts[0]) || !/^[a-z2-7]{1,128}$/.test(parts[1])) return null;
  return { id: parts[0], secret: parts[1] };
}
