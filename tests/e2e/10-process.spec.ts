/**
 * The production process as an operator meets it: `npm start` killed outright takes its server with
 * it, and a port already in use ends start-up with a message instead of a hang.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect, test } from "@playwright/test";

import { scratchDatabase } from "../support/durability";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const SECRET = "process-checks-".padEnd(48, "x");

/** Whether a process with this id is running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test.describe("[OPS][PROCESS]", () => {
  test("a server started on a port in use stops at once, naming the port", async () => {
    const scratch = await scratchDatabase("accord-process-", 0);
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts", "--port", String(E2E_PORT)], {
      env: { ...process.env, NODE_ENV: "production", AUTH_SECRET: SECRET, DATABASE_URL: scratch.file },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    scratch.remove();
    expect(output).toContain(`The server could not start: port ${E2E_PORT} is already in use`);
  });

  test("npm start killed outright (SIGKILL) takes its server with it", async () => {
    test.setTimeout(90_000);
    const scratch = await scratchDatabase("accord-process-", 0);
    const port = E2E_PORT + 40;
    const pidFile = path.join(os.tmpdir(), `accord-process-${port}.pids`);
    try {
      // `npm start` is `exec node --import tsx scripts/start.ts`: a shell in npm's place runs it.
      const npm = spawn("sh", ["-c", "node --import tsx scripts/start.ts"], {
        env: { ...process.env, PORT: String(port), DATABASE_URL: scratch.file, AUTH_SECRET: SECRET },
        stdio: "ignore",
      });
      await expect
        .poll(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status, {
          timeout: 60_000,
        })
        .toBe(200);
      // The server's process id, from the processes whose parent is start.ts, whose parent is the shell.
      const children = (pid: number) =>
        fs
          .readdirSync("/proc")
          .filter((entry) => /^\d+$/.test(entry))
          .map(Number)
          .filter((candidate) => {
            try {
              const stat = fs.readFileSync(`/proc/${candidate}/stat`, "utf8");
              return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
            } catch {
              return false;
            }
          });
      const start = children(npm.pid!);
      const server = start.flatMap(children);
      fs.writeFileSync(pidFile, [...start, ...server].join("\n"));
      expect(start).toHaveLength(1);
      expect(server).toHaveLength(1);

      npm.kill("SIGKILL");
      await expect.poll(() => alive(server[0]!), { timeout: 10_000 }).toBe(false);
      await expect.poll(() => alive(start[0]!), { timeout: 10_000 }).toBe(false);
      expect(await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => "refused")).toBe("refused");
    } finally {
      if (fs.existsSync(pidFile)) {
        for (const pid of fs.readFileSync(pidFile, "utf8").split("\n").map(Number)) {
          if (pid && alive(pid)) process.kill(pid, "SIGKILL");
        }
        fs.rmSync(pidFile, { force: true });
      }
      scratch.remove();
    }
  });
});
