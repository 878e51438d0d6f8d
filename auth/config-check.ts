/**
 * Start-up configuration for sign-in: the auth secret and the first admin.
 *
 * - `AUTH_SECRET`, when set, must be at least 32 characters. When it is not set, a random secret is
 *   generated once and kept beside the database (`auth-secret`, mode 0600), so `npm start` works
 *   with no set-up and sessions survive restarts.
 * - `ADMIN_EMAIL` / `ADMIN_PASSWORD` create the first admin when there are no users. A password
 *   needs at least 12 characters; without one a random password is generated and printed once.
 *   `ADMIN_PASSWORD` without `ADMIN_EMAIL` is refused.
 *
 * - `NEXT_SERVER_ACTIONS_ENCRYPTION_KEY`, when not set, is generated and kept beside the database
 *   the same way (`server-action-key`), so several processes on one database accept each other's forms.
 *
 * A weak or inconsistent configuration throws `ConfigError`; the server refuses to start rather
 * than run open.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { z } from "zod";

import { makeFolders } from "../db/location";
import { PASSWORD_MIN } from "../lib/passwords";

export const AUTH_SECRET_MIN = 32;
export const DEFAULT_ADMIN_EMAIL = "admin@accord.local";

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Path of the generated secret for a database file: `<folder of the database>/auth-secret`. */
export function secretFileFor(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), "auth-secret");
}

/**
 * The auth secret: `AUTH_SECRET` when set, else the one kept beside the database (created on first
 * use). @throws ConfigError when the secret is too short or none can be kept (in-memory database).
 */
export function resolveAuthSecret(env: Record<string, string | undefined>, databaseFile: string): string {
  const fromEnv = env.AUTH_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < AUTH_SECRET_MIN) {
      throw new ConfigError(`AUTH_SECRET must be at least ${AUTH_SECRET_MIN} characters (it has ${fromEnv.length}).`);
    }
    return fromEnv;
  }
  if (databaseFile === ":memory:") throw new ConfigError("AUTH_SECRET is required with an in-memory database.");
  const file = secretFileFor(databaseFile);
  if (!fs.existsSync(file)) {
    makeFolders(path.dirname(file), file);
    // "wx": never overwrite a secret another process wrote a moment ago.
    try {
      fs.writeFileSync(file, crypto.randomBytes(48).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const kept = fs.readFileSync(file, "utf8").trim();
  if (kept.length < AUTH_SECRET_MIN) {
    throw new ConfigError(
      `The auth secret in ${file} is shorter than ${AUTH_SECRET_MIN} characters; delete the file to make a new one.`,
    );
  }
  return kept;
}

/** Path of the generated server-action key for a database file: `<folder of the database>/server-action-key`. */
export function serverActionKeyFileFor(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), "server-action-key");
}

/** Whether `key` is what Next takes as a server-action key: base64 of an AES key (16, 24 or 32 bytes). */
function isActionKey(key: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key)) return false;
  return [16, 24, 32].includes(Buffer.from(key, "base64").length);
}

/**
 * The key Next encrypts server actions' bound arguments with (`NEXT_SERVER_ACTIONS_ENCRYPTION_KEY`,
 * nextjs.org/docs/app/guides/data-security "Overwriting encryption keys"): the variable when set,
 * else one kept beside the database (`server-action-key`, 32 random bytes in base64, mode 0600,
 * created on first use), so every process serving one database accepts the others' forms.
 * @throws ConfigError when the key is not base64 of 16, 24 or 32 bytes, or none can be kept.
 */
export function resolveServerActionKey(env: Record<string, string | undefined>, databaseFile: string): string {
  const fromEnv = env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY?.trim();
  if (fromEnv) {
    if (!isActionKey(fromEnv)) {
      throw new ConfigError(
        "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be 16, 24 or 32 bytes in base64 (openssl rand -base64 32).",
      );
    }
    return fromEnv;
  }
  if (databaseFile === ":memory:") {
    throw new ConfigError("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is required with an in-memory database.");
  }
  const file = serverActionKeyFileFor(databaseFile);
  if (!fs.existsSync(file)) {
    makeFolders(path.dirname(file), file);
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const kept = fs.readFileSync(file, "utf8").trim();
  if (!isActionKey(kept)) {
    throw new ConfigError(
      `The server-action key in ${file} is not 32 bytes in base64; delete the file to make a new one.`,
    );
  }
  return kept;
}

export interface AdminSetting {
  email: string;
  /** null: generate one */
  password: string | null;
}

/** The first admin's email and password from the environment. @throws ConfigError when weak or inconsistent. */
export function adminSetting(env: Record<string, string | undefined>): AdminSetting {
  const email = env.ADMIN_EMAIL?.trim() || "";
  const password = env.ADMIN_PASSWORD ?? "";
  if (password && !email) throw new ConfigError("ADMIN_PASSWORD is set without ADMIN_EMAIL; set both or neither.");
  if (email && !z.email().safeParse(email).success)
    throw new ConfigError(`ADMIN_EMAIL is not an email address: ${email}`);
  if (password && password.length < PASSWORD_MIN) {
    throw new ConfigError(`ADMIN_PASSWORD must be at least ${PASSWORD_MIN} characters.`);
  }
  return { email: email || DEFAULT_ADMIN_EMAIL, password: password || null };
}
