/**
 * The app's environment, validated with zod once at first use (the create-t3-app habit).
 *
 * - `DATABASE_URL`: a file path for the SQLite database (default `./data/accord.sqlite`, relative to
 *   the working directory). A `file:` or `file://` prefix and a `?query` are accepted and dropped.
 * - `APP_TIME_ZONE`: IANA name of the reference time zone for "today" (default `UTC`).
 * - `RESPONSE_CACHE_MB`: memory for the public pages' response cache in MiB (default 64; 0 = off).
 * - `TRUST_PROXY`: `1`/`true` when a reverse proxy in front sets X-Forwarded-* (default off: those
 *   headers are removed from every request at the door; lib/forwarded.ts).
 *
 * @throws Error naming the variable when a value is invalid.
 */
import path from "node:path";
import { z } from "zod";

const ZEnv = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .default("./data/accord.sqlite")
    .transform((v) => v.replace(/^file:(\/\/(?=\/))?/, "").replace(/\?.*$/, "")),
  APP_TIME_ZONE: z
    .string()
    .trim()
    .default("UTC")
    .refine(
      (tz) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      },
      { message: "must be an IANA time zone name such as UTC or Asia/Kuala_Lumpur" },
    ),
  RESPONSE_CACHE_MB: z
    .string()
    .trim()
    .default("64")
    .transform((v) => Number(v))
    .refine((v) => Number.isFinite(v) && (v === 0 || v >= 1), {
      message: "must be 0 (no response cache) or a number of MiB from 1",
    }),
  TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .default("0")
    .refine((v) => ["0", "1", "true", "false"].includes(v), {
      message: "must be 1 or true (a proxy in front sets X-Forwarded-*), or 0 or false",
    })
    .transform((v) => v === "1" || v === "true"),
});

export type Env = z.infer<typeof ZEnv>;

const ENV_NAMES = Object.keys(ZEnv.shape) as (keyof typeof ZEnv.shape)[];

let memo: { key: string; env: Env } | undefined;

/**
 * Parse `source` (default `process.env`); empty strings count as unset. The result for
 * `process.env` is remembered until one of its variables changes, because this runs on every
 * request (reading the whole of `process.env` and building an `Intl.DateTimeFormat` are not cheap).
 */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  if (source !== process.env) return parseEnv(source);
  const key = ENV_NAMES.map((name) => process.env[name] ?? "").join("\0");
  if (memo?.key !== key)
    memo = {
      key,
      env: parseEnv(Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]))),
    };
  return memo.env;
}

function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}

/** Absolute path of the database file the app uses (`:memory:` is passed through). */
export function databasePath(env: Env = readEnv()): string {
  return env.DATABASE_URL === ":memory:" ? ":memory:" : path.resolve(env.DATABASE_URL);
}
