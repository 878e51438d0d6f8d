/**
 * Starts the production server (scripts/server.ts: Next behind the response cache) as a child
 * process and forwards stop signals to it, exiting with its code.
 */
import { type ChildProcess, spawn } from "node:child_process";

import { serverBundle } from "./server-bundle";

export interface ServeOptions {
  port: number;
  hostname?: string;
  env?: Record<string, string>;
  /** Called when the server has exited, before this process exits with its code; awaited. */
  onExit?: () => void | Promise<void>;
}

/** MiB of V8 heap the server needs besides its response cache (Next's code, 10 concurrent renders). */
const BASE_HEAP_MB = 128;

/**
 * The server's V8 old-space limit in MiB: `SERVER_HEAP_MB` when set, else 128 plus the response
 * cache's size (`RESPONSE_CACHE_MB`, default 64, which lives in the same heap). Without a limit V8
 * sizes its heap from the machine's memory and lets it grow long before collecting: at 50,000
 * commitments a server under 10 concurrent readers reached 1.4 GiB resident; with it, it stays near
 * 300 MiB (issue 9, item 3; figures in the session-4 note).
 * @throws Error naming `SERVER_HEAP_MB` when it is not a whole number from 64.
 */
export function serverHeapMb(env: Record<string, string | undefined> = process.env): number {
  const set = env.SERVER_HEAP_MB?.trim();
  if (set) {
    const mb = Number(set);
    if (!Number.isInteger(mb) || mb < 64)
      throw new Error(`SERVER_HEAP_MB must be a whole number of MiB from 64, not ${JSON.stringify(set)}`);
    return mb;
  }
  const cache = Number(env.RESPONSE_CACHE_MB?.trim() || "64");
  return BASE_HEAP_MB + (Number.isFinite(cache) && cache > 0 ? Math.ceil(cache) : 0);
}

/**
 * The `node` arguments that run the server (scripts/server.ts, bundled to plain JavaScript by
 * scripts/lib/server-bundle.ts, or the given `entry`) on `port`, with its heap limit, and
 * `--expose-gc` for the collection between requests (scripts/lib/idle-gc.ts) when
 * `SERVER_IDLE_GC=1` (off by default: decision 010 "Garbage collection between requests").
 */
export function serverArgs(
  { port, hostname, entry }: { port: number; hostname?: string; entry?: string },
  env: Record<string, string | undefined> = process.env,
): string[] {
  const args = [
    `--max-old-space-size=${serverHeapMb(env)}`,
    ...(env.SERVER_IDLE_GC?.trim() === "1" ? ["--expose-gc"] : []),
    entry ?? serverBundle(),
    "--port",
    String(port),
  ];
  if (hostname) args.push("--hostname", hostname);
  return args;
}

/** Serve the built app; the process exits with the server. Returns the server's process. */
export function serve({ port, hostname, env, onExit }: ServeOptions): ChildProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  const child = spawn(process.execPath, serverArgs({ port, hostname }, childEnv), {
    // The IPC channel lets the server notice when this process is gone, however it ended.
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: childEnv,
  });
  const stop = (signal: NodeJS.Signals) => {
    if (!child.killed) child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // Killed outright (SIGKILL to `npm start`), the parent cannot pass anything on: this process is
  // then adopted by another (its parent id changes), and stops the server itself.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop("SIGTERM");
  }, 1000).unref();
  child.on("exit", (code, signal) => {
    void Promise.resolve(onExit?.()).finally(() => process.exit(code ?? (signal ? 0 : 1)));
  });
  return child;
}
