/**
 * Starts `next start` as a child process and forwards stop signals to it, exiting with its code.
 * (`next start` renames its process to `next-server`; it is stopped by its PID, never by name.)
 */
import { spawn } from "node:child_process";
import path from "node:path";

export interface ServeOptions {
  port: number;
  hostname?: string;
  env?: Record<string, string>;
  onExit?: () => void;
}

/** Serve the built app; resolves never (the process exits with the server). */
export function serve({ port, hostname, env, onExit }: ServeOptions): void {
  const args = ["start", "-p", String(port)];
  if (hostname) args.push("-H", hostname);
  const child = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), args, {
    stdio: "inherit",
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const stop = (signal: NodeJS.Signals) => {
    if (!child.killed) child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.on("exit", (code, signal) => {
    onExit?.();
    process.exit(code ?? (signal ? 0 : 1));
  });
}
