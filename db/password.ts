/**
 * Password hashing with scrypt (node:crypto). Stored format: `scrypt$N$r$p$saltB64$hashB64`.
 * Synchronous on purpose: used once per sign-in and at seed time.
 */
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;
const SALT_BYTES = 16;
/** Refuse stored parameters beyond these, so a tampered row cannot make sign-in burn memory or CPU. */
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(plain: string, salt: Buffer, n: number, r: number, p: number, keyLength: number): Buffer {
  return scryptSync(plain.normalize("NFKC"), salt, keyLength, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
}

export function hashPassword(plain: string): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = derive(plain, salt, N, R, P, KEY_LENGTH);
  return ["scrypt", N, R, P, salt.toString("base64"), hash.toString("base64")].join("$");
}

export function verifyPassword(plain: string, stored: string | null | undefined): boolean {
  if (typeof plain !== "string" || typeof stored !== "string") return false;
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, nText, rText, pText, saltB64, hashB64] = parts;
  const n = Number(nText);
  const r = Number(rText);
  const p = Number(pText);
  if (!Number.isInteger(n) || n < 2 || n > MAX_N || (n & (n - 1)) !== 0) return false;
  if (!Number.isInteger(r) || r < 1 || r > MAX_R) return false;
  if (!Number.isInteger(p) || p < 1 || p > MAX_P) return false;
  const salt = Buffer.from(saltB64, "base64");
  const expected = Buffer.from(hashB64, "base64");
  if (salt.length === 0 || expected.length < 16 || expected.length > 256) return false;
  let actual: Buffer;
  try {
    actual = derive(plain, salt, n, r, p, expected.length);
  } catch {
    return false;
  }
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: string | null = null;

/**
 * A hash of a random password with the current parameters, made once per process: checking a password for an account
 * that does not exist (or has no password yet) against it costs the same as a real check, so timing does not reveal
 * which email addresses have accounts.
 */
export function dummyPasswordHash(): string {
  dummy ??= hashPassword(randomBytes(18).toString("base64"));
  return dummy;
}
