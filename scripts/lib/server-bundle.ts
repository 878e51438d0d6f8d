/**
 * The production server's entry as one plain CommonJS file, so `node` runs it without tsx's loader.
 *
 * scripts/server.ts (and the lib/, db/, auth/ modules it imports) is bundled by esbuild — the
 * compiler tsx itself runs on — with every package left external (`next`, `better-sqlite3` … are
 * required from node_modules as before; Next compiles the app itself). Run through `--import tsx`,
 * the server kept tsx's loader thread (with collections of its own every ~600 ms) and the
 * transpiled sources in its heap: 15 MiB more resident memory at 50,000 commitments for the same
 * work (decision 010, session 9).
 *
 * The file is `.next/accord-server/server-<hash>.cjs`, named by a SHA-256 of its contents, and
 * written once through a temporary file and a rename, so several servers starting at once never
 * read a half-written one and a server keeps the file it started from. esbuild runs as its own
 * short process (its command line, ~0.2 s): its JavaScript API's `buildSync` keeps a service
 * process alive beside the caller (`npm start` would then hold two children, not its server alone).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Folder of the bundles, inside the build so `next build`'s clean removes old ones. */
export const SERVER_BUNDLE_DIR = path.join(".next", "accord-server");

/**
 * Bundle scripts/server.ts under `root` (default: the working directory) and return the bundle's
 * absolute path.
 * @throws Error with esbuild's message (file and line) when the sources do not compile.
 */
export function serverBundle(root: string = process.cwd()): string {
  const cli = createRequire(path.join(root, "package.json")).resolve("esbuild/bin/esbuild");
  const run = spawnSync(
    process.execPath,
    [
      cli,
      path.join("scripts", "server.ts"),
      "--bundle",
      "--platform=node",
      "--format=cjs",
      "--packages=external",
      "--target=node20",
      "--log-level=error",
    ],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0 || run.stdout.length === 0)
    throw new Error(
      `Bundling scripts/server.ts failed: ${String(run.stderr || run.error?.message || run.status).trim()}`,
    );
  const contents = run.stdout;
  const hash = createHash("sha256").update(contents).digest("hex").slice(0, 16);
  const dir = path.join(root, SERVER_BUNDLE_DIR);
  const file = path.join(dir, `server-${hash}.cjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, contents);
    fs.renameSync(temporary, file);
  }
  return file;
}
