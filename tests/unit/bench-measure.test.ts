/**
 * The measuring half of `npm run bench:scale` (scripts/lib/bench-measure.ts) against a small local
 * server: a URL that answers is measured, one that answers 5xx is counted and not loaded, one that
 * never answers (at first, or only once loaded) is reported as "did not finish" within the time cap
 * instead of holding up the bench; the server's memory is read from /proc/PID/status.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import {
  cell,
  combine,
  type LoadOptions,
  measure,
  measureMix,
  peakMemoryMiB,
  settle,
} from "../../scripts/lib/bench-measure";

vi.setConfig({ testTimeout: 60_000 });

let server: http.Server;
let base = "";
let answeredOnce = false;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === "/ok" || request.url === "/healthz") return void response.end("ok");
    if (request.url === "/fail") {
      response.statusCode = 503;
      return void response.end("down");
    }
    // Answers the first request only, then never again (a page that stalls under load).
    if (request.url === "/stalls" && !answeredOnce) {
      answeredOnce = true;
      return void response.end("first");
    }
    // "/hangs" and a stalled "/stalls": no answer, ever.
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const options: LoadOptions = { connections: 2, seconds: 1, urlTimeout: 1 };

describe("bench:scale measuring", () => {
  it("measures a URL that answers: requests a second, latencies, no 5xx", async () => {
    const m = await measure(options, base, "/ok", process.pid);
    expect("rps" in m && m.completed > 0 && m.rps > 0 && m.errors5xx === 0 && m.failed === 0).toBe(true);
    const [rps, , , errors, rss] = cell(m);
    expect(Number(rps)).toBeGreaterThan(0);
    expect(errors).toBe("0");
    expect(Number(rss)).toBeGreaterThan(0);
  });

  it("counts a 5xx and does not load the URL", async () => {
    const m = await measure(options, base, "/fail", process.pid);
    expect(m).toMatchObject({ status: 503, errors5xx: 1, completed: 0 });
    expect(cell(m).slice(0, 4)).toEqual(["5xx", "5xx", "5xx", "**1**"]);
  });

  it("reports a URL that never answers as 'did not finish', within the time cap", async () => {
    const started = Date.now();
    const m = await measure(options, base, "/hangs", process.pid);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(m).toMatchObject({ status: 0, completed: 0, failed: 1 });
    expect(cell(m).slice(0, 3)).toEqual(["did not finish", "did not finish", "did not finish"]);
  });

  it("ends the run of a URL that stops answering once loaded", async () => {
    const started = Date.now();
    // A 2 s run with a 1 s cap: the hanging requests time out within the run.
    const m = await measure({ ...options, seconds: 2 }, base, "/stalls", process.pid);
    // warm-up (1 s) and run (2 s), each held at most its length + the 1 s cap + 5 s
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(m).toMatchObject({ status: 200, completed: 0 });
    expect("failed" in m && m.failed).toBeGreaterThan(0);
    expect(cell(m).slice(0, 3)).toEqual(["did not finish", "did not finish", "did not finish"]);
  });

  it("takes latency from the one-reader run and req/s from the loaded run, counting both runs' errors", () => {
    const base = { status: 200, completed: 40, firstMs: 20 };
    const latency = { ...base, rps: 40, p50: 20, p99: 35, errors5xx: 0, failed: 0, rssMiB: 250 };
    const loaded = { ...base, rps: 90, p50: 110, p99: 400, errors5xx: 2, failed: 1, rssMiB: 280 };
    expect(combine(latency, loaded)).toEqual({ ...latency, rps: 90, errors5xx: 2, failed: 1, rssMiB: 280 });
    expect(combine({ status: 404, skipped: true }, loaded)).toEqual({ status: 404, skipped: true });
    expect(combine(latency, { status: 302, skipped: true })).toEqual({ status: 302, skipped: true });
  });

  it("shows the first GET's time for a URL slower than the run", () => {
    const slow = {
      status: 200,
      rps: 0,
      p50: 0,
      p99: 0,
      errors5xx: 0,
      failed: 0,
      completed: 0,
      rssMiB: 300,
      firstMs: 4200,
    };
    expect(cell(slow)).toEqual(["0", "4200*", "—", "0", "300"]);
  });

  it("loads several URLs together (what one process serves of a mix)", async () => {
    const m = await measureMix(options, base, ["/ok", "/ok"], process.pid);
    expect(m.completed).toBeGreaterThan(0);
    expect(m.errors5xx).toBe(0);
  });

  it("waits for an idle server before each URL, at most the cap", async () => {
    expect(await settle(options, base)).toBeLessThan(1_000);
    // A server whose health check does not answer: given up after the cap.
    const started = Date.now();
    await settle(options, "http://127.0.0.1:9"); // nothing listens on the discard port
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("reads the peak and the current resident memory of a process from /proc", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-proc-"));
    fs.mkdirSync(path.join(dir, "42"));
    fs.writeFileSync(path.join(dir, "42", "status"), "Name:\tnode\nVmHWM:\t  314572 kB\nVmRSS:\t  204800 kB\n");
    expect(peakMemoryMiB(42, dir)).toBe(307);
    expect(peakMemoryMiB(42, dir, "VmRSS")).toBe(200);
    expect(peakMemoryMiB(43, dir)).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
