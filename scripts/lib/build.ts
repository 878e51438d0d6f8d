/**
 * Builds the Next.js app only when needed: when there is no build, or when the sources changed since
 * the last one. The fingerprint is a SHA-256 over the contents of everything the build reads
 * (app/, components/, db/, lib/, public/, the configs and the lockfile), kept in
 * `.next/accord-build-fingerprint`.
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

/** True when `.next` holds a build made from the current sources. */
export function buildIsCurrent(fingerprint = sourceFingerprint()): boolean {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return false;
  try {
    return fs.readFileSync(STAMP, "utf8").trim() === fingerprint;
  } catch {
    return false;
  }
}

/**
 * Run `next build` unless the current build matches the sources.
 * @throws Error when the build fails (its output has already been shown).
 */
export function ensureBuild(log: (line: string) => void = console.log): void {
  const fingerprint = sourceFingerprint();
  if (buildIsCurrent(fingerprint)) {
    log("Build is up to date.");
    return;
  }
  log("Building the app (next build; about half a minute on 2 cores)…");
  const started = Date.now();
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit code ${result.status ?? result.signal})`);
  fs.writeFileSync(STAMP, `${fingerprint}\n`);
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
