/**
 * Continuous replication of the database with Litestream (https://litestream.io), the optional
 * `npm start` mode chosen by `LITESTREAM_REPLICA_URL` (docs/decisions/008-durability.md).
 *
 * The binary (v0.3.13) comes from npm: `@flydotio/litestream` depends on one package per platform
 * (`@flydotio/litestream-linux-x64`, …) that holds it, so `npm ci` installs it with no download.
 * It runs as `litestream replicate DB_PATH REPLICA_URL` beside the server, under a small Node
 * watchdog (scripts/lib/litestream-watchdog.mjs) that stops it (SIGTERM: it syncs what is left of
 * the WAL, then exits) when `npm start` goes away, however it ended, so a killed `npm start` never
 * leaves a Litestream running on the database.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

/** URL schemes Litestream 0.3.13 replicates to (https://litestream.io/reference/config/#replica-settings). */
export const REPLICA_SCHEMES = ["file", "s3", "gcs", "abs", "sftp"] as const;

/**
 * `LITESTREAM_REPLICA_URL` from `env`: undefined when unset or empty (no replication).
 * @throws Error naming the variable when it is not a URL of a scheme Litestream replicates to.
 */
export function replicaUrlSetting(env: Record<string, string | undefined> = process.env): string | undefined {
  const raw = env.LITESTREAM_REPLICA_URL?.trim();
  if (!raw) return undefined;
  const scheme = /^([a-z0-9]+):\/\/./.exec(raw)?.[1];
  if (!scheme || !(REPLICA_SCHEMES as readonly string[]).includes(scheme)) {
    throw new Error(
      `LITESTREAM_REPLICA_URL must be a replica URL such as file:///var/backups/accord or s3://bucket/accord (schemes: ${REPLICA_SCHEMES.join(", ")}); got ${JSON.stringify(raw)}.`,
    );
  }
  return raw;
}

/**
 * Absolute path of the Litestream binary for this platform.
 * @throws Error saying which package is missing when it is not installed (an unsupported platform,
 *   or `npm ci --omit=optional`).
 */
export function litestreamBinary(): string {
  const pkg = `@flydotio/litestream-${process.platform}-${process.arch}`;
  try {
    return createRequire(path.join(process.cwd(), "package.json")).resolve(`${pkg}/litestream`);
  } catch {
    throw new Error(
      `Litestream is not installed for ${process.platform}-${process.arch} (${pkg}, an optional dependency of @flydotio/litestream); run npm ci, or unset LITESTREAM_REPLICA_URL.`,
    );
  }
}

/**
 * The version Litestream reports (`v0.3.13`).
 * @throws Error when the binary is missing or does not run here.
 */
export function litestreamVersion(): string {
  const run = spawnSync(litestreamBinary(), ["version"], { encoding: "utf8", timeout: 10_000 });
  if (run.status !== 0) {
    throw new Error(`Litestream does not run here: ${run.error?.message ?? run.stderr.trim() ?? `exit ${run.status}`}`);
  }
  return run.stdout.trim();
}

export interface Replication {
  child: ChildProcess;
  /** Ask Litestream to sync what is left and stop; resolves with its exit code (after at most 30 s). */
  stop(): Promise<number | null>;
}

/**
 * Start `litestream replicate databaseFile replicaUrl` under the watchdog. Output goes to this
 * process's stdout/stderr. `onUnexpectedExit` is called when it stops without being asked.
 */
export function startReplication(
  databaseFile: string,
  replicaUrl: string,
  onUnexpectedExit: (code: number | null) => void,
): Replication {
  const watchdog = path.join(process.cwd(), "scripts", "lib", "litestream-watchdog.mjs");
  const child = spawn(process.execPath, [watchdog, litestreamBinary(), "replicate", databaseFile, replicaUrl], {
    // Its own process group: a Ctrl+C reaches the server first, and Litestream only after the
    // server has stopped writing (the watchdog is told to stop then).
    detached: true,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  void exited.then((code) => {
    if (!stopping) onUnexpectedExit(code);
  });
  return {
    child,
    stop: () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const limit = new Promise<number | null>((resolve) => setTimeout(() => resolve(null), 30_000).unref());
      return Promise.race([exited, limit]);
    },
  };
}
