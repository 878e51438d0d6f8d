/**
 * The web server for the end-to-end tests (Playwright's `webServer.command`): a throwaway SQLite
 * file in a fresh temp folder, the production build (built when needed) and `next start` on
 * 127.0.0.1:`E2E_PORT` (default 3100). Playwright stops the server with SIGKILL, so nothing runs at
 * exit: instead each start removes the folders of earlier runs whose server process is gone.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { prepareAuth } from "../auth/startup";
import { prepareDatabase } from "../db/client";
import { E2E_ADMIN, E2E_EDITORS } from "../tests/support/e2e-accounts";
import { e2eDatabasePointer } from "../tests/support/e2e-database";
import { insertUser, TEST_PASSWORD } from "../tests/support/users";
import { ensureBuild } from "./lib/build";
import { serve } from "./lib/serve";

const PREFIX = "accord-e2e-";
const PORT = Number(process.env.E2E_PORT ?? 3100);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const entry of fs.readdirSync(os.tmpdir())) {
  if (!entry.startsWith(PREFIX)) continue;
  const old = path.join(os.tmpdir(), entry);
  const pidFile = path.join(old, "pid");
  const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8")) : 0;
  // A folder without a pid file may be another run's, being created right now: leave it an hour.
  const stale = pid ? !isAlive(pid) : Date.now() - fs.statSync(old).mtimeMs > 3_600_000;
  if (stale) fs.rmSync(old, { recursive: true, force: true });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
fs.writeFileSync(path.join(dir, "pid"), String(process.pid));
const file = path.join(dir, "e2e.sqlite");
// Never let a test server touch a real database: the file must sit under the temp folder.
if (!path.resolve(file).startsWith(path.resolve(os.tmpdir()) + path.sep)) {
  throw new Error(`Refusing to run e2e tests on ${file}: not under ${os.tmpdir()}`);
}

async function prepare(): Promise<string> {
  ensureBuild();
  const db = prepareDatabase(file);
  const secret = await prepareAuth(db, file, {
    ...process.env,
    ADMIN_EMAIL: E2E_ADMIN.email,
    ADMIN_PASSWORD: E2E_ADMIN.password,
  });
  for (const editor of E2E_EDITORS) {
    if (editor.password !== TEST_PASSWORD) throw new Error("e2e editors use TEST_PASSWORD");
    await insertUser(db, editor.email, "editor");
  }
  db.$client.close();
  console.log(`e2e database: ${file}`);
  // Specs that read the database directly (tests/support/e2e-database.ts) find it here.
  fs.writeFileSync(e2eDatabasePointer(PORT), `${file}\n`);
  return secret;
}

void prepare().then((secret) =>
  serve({
    port: PORT,
    hostname: "127.0.0.1",
    // The suite plays a reverse proxy's part in places ([PUBLIC][PROXY]), so forwarded headers count.
    env: { DATABASE_URL: file, AUTH_SECRET: secret, TRUST_PROXY: process.env.TRUST_PROXY ?? "1" },
    onExit: () => fs.rmSync(dir, { recursive: true, force: true }),
  }),
);
