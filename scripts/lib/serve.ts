/**
 * Starts the production server (scripts/server.ts: Next behind the response cache) as a child
 * process and forwards stop signals to it, exiting with its code.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export interface ServeOptions {
  port: number;
  hostname?: string;
  env?: Record<string, string>;
  /** Called when the server has exited, before this process exits with its code; awaited. */
  onExit?: () => void | Promise<void>;
}

/** The `node` arguments that run scripts/server.ts (through tsx's loader) on `port`. */
export function serverArgs({ port, hostname }: { port: number; hostname?: string }): string[] {
  const args = ["--import", "tsx", path.join(process.cwd(), "scripts", "server.ts"), "--port", String(port)];
  if (hostname) args.push("--hostname", hostname);
  return args;
}

/** Serve the built app; the process exits with the server. Returns the server's process. */
export function serve({ port, hostname, env, onExit }: ServeOptions): ChildProcess {
  const child = spawn(process.execPath, serverArgs({ port, hostname }), {
    // The IPC channel lets the server notice when this process is gone, however it ended.
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
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
