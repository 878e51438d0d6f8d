/**
 * Passwords: at least 12 characters (at most 200, so hashing stays cheap), hashed with argon2id
 * through @node-rs/argon2 (its defaults: m=19456 KiB, t=2, p=1 — the OWASP Password Storage
 * Cheat Sheet minimum for argon2id).
 */
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export const ZPassword = z
  .string()
  .min(PASSWORD_MIN, { message: `Use at least ${PASSWORD_MIN} characters` })
  .max(PASSWORD_MAX, { message: `Use at most ${PASSWORD_MAX} characters` });

/** An argon2id PHC string for `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True when `password` matches the PHC string; false (never throws) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A random password of `length` characters from a 56-letter alphabet without look-alikes. */
export function generatePassword(length = 20): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = new Uint8Array(length * 2);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) {
    // Rejection sampling keeps every letter equally likely (256 is not a multiple of 56).
    if (b < 224) out += alphabet[b % alphabet.length];
    if (out.length === length) break;
  }
  return out.length === length ? out : generatePassword(length);
}
