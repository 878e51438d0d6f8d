/**
 * Builds the Next.js app only when needed: when there is no build, or when the sources changed since
 * the last one. The fingerprint is a SHA-256 over the contents of everything the build reads
 * (app/, components/, db/, lib/, public/, the configs and the lockfile), kept in
 * `.next/accord-build-fingerprint`.
 *
 * A rebuild never replaces `.next` under a running server: each server (scripts/server.ts) records
 * its process id in `.next/accord-servers/` while it runs ({@link registerRunningServer}), and
 * {@link ensureBuild} refuses to rebuild while one of them is alive. A rebuild under a server would
 * give its pages new server-action ids, and every form open in a browser would then fail ("Failed
 * to find Server Action"). Stop the servers, then start again; several processes serving one
 * address run from one build.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = process.cwd();
const INPUTS = [
  "app",
  "components",
  "db",
  "lib",
  "public",
  "next.config.ts",
  "tsconfig.json",
  "package-lock.json",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "auth",
];
const STAMP = path.join(ROOT, ".next", "accord-build-fingerprint");
const SERVERS = path.join(ROOT, ".next", "accord-servers");

/**
 * Whether process `pid` is alive and (where /proc tells) a node process running the server:
 * scripts/server.ts, or its bundle under .next/accord-server/ (scripts/lib/server-bundle.ts).
 */
function isServerProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return command.includes("server.ts") || command.includes("accord-server");
  } catch {
    return true; // no /proc: alive is all we know
  }
}

/**
 * The process ids of the servers running from `.next` now. Records of servers that are gone
 * (killed without cleaning up) are removed.
 */
export function runningServers(dir = SERVERS): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const alive: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid > 0 && isServerProcess(pid)) alive.push(pid);
    else fs.rmSync(path.join(dir, entry), { force: true });
  }
  return alive.sort((a, b) => a - b);
}

/**
 * Record this process as a server running from `.next` until it exits (a file named after its pid
 * in `.next/accord-servers/`). @returns a function that removes the record (also run at exit).
 */
export function registerRunningServer(dir = SERVERS, pid = process.pid): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, String(pid));
  fs.writeFileSync(file, `${new Date().toISOString()}\n`);
  const remove = () => fs.rmSync(file, { force: true });
  process.once("exit", remove);
  return remove;
}

function walk(p: string, out: string[]): void {
  if (!fs.existsSync(p)) return;
  const stat = fs.statSync(p);
  if (stat.isFile()) {
    out.push(p);
    return;
  }
  for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry), out);
}

/** SHA-256 (hex) over the paths and contents of the build's inputs. */
export function sourceFingerprint(): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(path.join(ROOT, input), files);
  const hash = createHash("sha256");
  for (const f of files) {
    hash.update(path.relative(ROOT, f));
    hash.update("\0");
    hash.update(fs.readFileSync(f));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/**
 * A short SHA-256 (hex) of a server-action key, kept in the stamp (never the key itself). Why the
 * stamp holds it at all: Next (16.4, `serverReferenceHashSalt` in next/dist/build) salts the hash
 * that names each server action with the build's key, so the ids are baked in at build time. At
 * run time Next reads the key again (NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, else the build's manifest)
 * only to encrypt bound arguments. A build made with another key works for this machine's own
 * processes, but its ids differ from those of a machine that built the same sources with the
 * database's key, and forms posted across them would fail; hence one rebuild when the key changes
 * (a new database), unless a server runs from the build (then it is kept, see ensureBuild).
 */
function keyDigest(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/**
 * True when `.next` holds a build made from the current sources and, when `actionKey` is given,
 * with that server-action key. The stamp is `<sources> [key:<digest>]`.
 */
export function buildIsCurrent(fingerprint = sourceFingerprint(), actionKey?: string): boolean {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return false;
  try {
    const [sources, key] = fs.readFileSync(STAMP, "utf8").trim().split(" ");
    return sources === fingerprint && (actionKey === undefined || key === `key:${keyDigest(actionKey)}`);
  } catch {
    return false;
  }
}

/**
 * Run `next build` unless the current build matches the sources (and `actionKey`, when given).
 * With `actionKey`, the build runs with it as NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Next derives the
 * server-action ids from the build's key, so machines that build the same sources with the same key
 * accept each other's forms (`npm start` passes the key kept beside the database). Without it, any
 * build of the current sources will do (the e2e server and the benches, one machine).
 * @throws Error when a server is running from the outdated build (rebuilding would break its open
 * forms), or when the build fails (its output has already been shown).
 */
export function ensureBuild(
  log: (line: string) => void = console.log,
  { actionKey }: { actionKey?: string } = {},
): void {
  const fingerprint = sourceFingerprint();
  if (buildIsCurrent(fingerprint, actionKey)) {
    log("Build is up to date.");
    return;
  }
  const running = runningServers();
  if (running.length > 0 && buildIsCurrent(fingerprint)) {
    // The sources match; only the key differs. The processes on this machine share the build, so
    // their forms work: keep it rather than break theirs.
    log(
      `The build in .next was made with another server-action key, but servers run from it (process ${running.join(", ")}): ` +
        "kept. Stop them and start again to rebuild with this key (needed only for machines built apart).",
    );
    return;
  }
  if (running.length > 0) {
    throw new Error(
      `the sources changed since the build in .next, but ${running.length === 1 ? "a server is" : "servers are"} ` +
        `running from it (process ${running.join(", ")}). Rebuilding under a running server would make the forms ` +
        `open in its pages fail ("Failed to find Server Action"). Stop ${running.length === 1 ? "it" : "them"}, then start again.`,
    );
  }
  log("Building the app (next build; 1–2 minutes on 2 cores, longer on a busy machine)…");
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (actionKey !== undefined) env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = actionKey;
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`next build failed (exit code ${result.status ?? result.signal})`);
  fs.writeFileSync(STAMP, `${fingerprint}${actionKey === undefined ? "" : ` key:${keyDigest(actionKey)}`}\n`);
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
