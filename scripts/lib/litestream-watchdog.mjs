/**
 * Runs a command (Litestream) and stops it with SIGTERM when told to (SIGTERM, SIGINT) or when the
 * parent that started it goes away (its IPC channel closes: the parent ended, even if killed
 * outright). Exits with the command's exit code. Usage: node litestream-watchdog.mjs BIN ARGS…
 * (started by scripts/lib/litestream.ts).
 */
import { spawn } from "node:child_process";

const [bin, ...args] = process.argv.slice(2);
const child = spawn(bin, args, { stdio: "inherit" });
let asked = false;
const stop = () => {
  if (asked) return;
  asked = true;
  child.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
child.on("error", (error) => {
  console.error(`Litestream could not run: ${error.message}`);
  process.exit(1);
});
// Litestream 0.3.13 may exit 1 after a requested stop ("checkpoint … context canceled") once its
// last WAL segment is written; that is a clean stop for us.
child.on("exit", (code, signal) => process.exit(asked ? 0 : (code ?? (signal ? 1 : 0))));
