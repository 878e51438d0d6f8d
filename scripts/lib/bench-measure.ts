/**
 * The measuring half of `npm run bench:scale` (scripts/bench-scale.ts): one URL (or a mix of URLs)
 * loaded with autocannon against a running server, under a time cap so that a URL that never
 * answers is reported as "did not finish" instead of holding up the bench; the server's memory
 * from /proc; and the table cells. Kept apart from the script so a unit test can run it against a
 * small server (tests/unit/bench-measure.test.ts).
 */
import fs from "node:fs";

import autocannon from "autocannon";

/** How hard and how long to load, and how long one request may take. */
export interface LoadOptions {
  /** concurrent connections */
  connections: number;
  /** measured seconds per URL (after a 1 s warm-up) */
  seconds: number;
  /** seconds a request may take before it counts as not finished */
  urlTimeout: number;
}

/** One measured URL at one size and cache mode. */
export interface Measure {
  /** HTTP status of the first plain GET */
  status: number;
  rps: number;
  /** latency percentiles, ms */
  p50: number;
  p99: number;
  /** answers with a 5xx status during the measured run (plus the first GET) */
  errors5xx: number;
  /** requests that got no answer within the URL time cap (timeouts, resets) */
  failed: number;
  /** responses completed in the measured run (0: none finished in time, so no latency to show) */
  completed: number;
  /** the server's resident memory right after this URL's run, MiB (null: not on Linux) */
  rssMiB: number | null;
  /** how long the first plain GET took, ms (null: it did not answer) */
  firstMs: number | null;
}

/**
 * Resident memory of a process in MiB from /proc/PID/status (Linux): `VmHWM` (the peak since it
 * started) or `VmRSS` (now); null elsewhere or when the process is gone. The pid must be the
 * server's own process: the bench starts node on scripts/server.ts directly (no npm or shell in
 * between), so the child's pid is the one that serves.
 */
export function peakMemoryMiB(
  pid: number | undefined,
  proc = "/proc",
  field: "VmHWM" | "VmRSS" = "VmHWM",
): number | null {
  try {
    const status = fs.readFileSync(`${proc}/${pid}/status`, "utf8");
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
    return Number.isFinite(kb) && kb > 0 ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * One autocannon run of `duration` s against `url` (or, with `paths`, each connection cycling
 * through them). A request unanswered after `urlTimeout` s counts as an error; the whole run is
 * stopped after duration + urlTimeout + 5 s whatever happens, so it always ends.
 */
function load(options: LoadOptions, url: string, duration: number, paths?: string[]): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration,
        timeout: options.urlTimeout,
        ...(paths ? { requests: paths.map((p) => ({ method: "GET" as const, path: p })) } : {}),
      },
      (error, result) => {
        clearTimeout(cap);
        if (error) reject(error);
        else resolve(result);
      },
    );
    const cap = setTimeout(() => instance.stop(), (duration + options.urlTimeout + 5) * 1000);
  });
}

/** Answers with a 5xx status in an autocannon result (its per-status counts). */
function count5xx(result: autocannon.Result): number {
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  return Object.entries(stats)
    .filter(([code]) => code.startsWith("5"))
    .reduce((sum, [, s]) => sum + s.count, 0);
}

/** A URL with no page of its own (yet): 404, or a redirect elsewhere. */
export interface Skipped {
  status: number;
  skipped: true;
}

/** A measured run's figures (`status`: that of the first GET). */
function figures(status: number, firstMs: number | null, r: autocannon.Result, pid: number | undefined): Measure {
  return {
    firstMs,
    status,
    // Responses over the run's length: autocannon's per-second average reads 0 for a URL slower than 1 s.
    rps: r.duration > 0 ? r.requests.total / r.duration : 0,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors5xx: count5xx(r) + (status >= 500 ? 1 : 0),
    // autocannon's `errors` counts its timeouts too
    failed: r.errors,
    completed: r.requests.total,
    rssMiB: peakMemoryMiB(pid, "/proc", "VmRSS"),
  };
}

/**
 * Wait until the server is idle: `/healthz` answered twice in a row within 100 ms each, or
 * `urlTimeout` s have passed. A URL slower than the run leaves renders behind when autocannon
 * stops (the server finishes requests whose client has gone), and they would otherwise be counted
 * against the next URL. Returns the milliseconds waited.
 */
export async function settle(options: LoadOptions, base: string): Promise<number> {
  const started = performance.now();
  let quick = 0;
  while (quick < 2 && performance.now() - started < options.urlTimeout * 1000) {
    const asked = performance.now();
    try {
      const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(options.urlTimeout * 1000) });
      await response.arrayBuffer();
      quick = performance.now() - asked < 100 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    if (quick < 2) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Math.round(performance.now() - started);
}

/**
 * Measure one URL on a running server (`pid`: its process, for the RSS): one plain GET first (a
 * 404 or a redirect is skipped; a 5xx or no answer within `urlTimeout` s is reported and not
 * loaded), then a 1 s warm-up and a run of `seconds` s with autocannon. It starts once the server
 * is idle (`settle`). Always ends, within about seconds + 3 × urlTimeout + 12 s.
 */
export async function measure(
  options: LoadOptions,
  base: string,
  pathname: string,
  pid: number | undefined,
): Promise<Measure | Skipped> {
  await settle(options, base);
  let status: number;
  const started = performance.now();
  let firstMs: number | null = null;
  try {
    const response = await fetch(base + pathname, {
      redirect: "manual",
      signal: AbortSignal.timeout(options.urlTimeout * 1000),
    });
    await response.arrayBuffer();
    status = response.status;
    firstMs = Math.round(performance.now() - started);
  } catch {
    status = 0; // no answer within the cap (or the connection failed)
  }
  if (status === 404 || (status >= 300 && status < 400)) return { status, skipped: true };
  // A URL that fails is reported, not loaded: a failing render can cost seconds, and ten of them
  // queued behind each other would hold up every URL after it.
  const rssMiB = peakMemoryMiB(pid, "/proc", "VmRSS");
  const none = { status, rps: 0, p50: 0, p99: 0, completed: 0, rssMiB, firstMs };
  if (status >= 500) return { ...none, errors5xx: 1, failed: 0 };
  if (status === 0) return { ...none, errors5xx: 0, failed: 1 };
  await load(options, base + pathname, 1); // warm-up, not counted
  return figures(status, firstMs, await load(options, base + pathname, options.seconds), pid);
}

/**
 * One URL's figures from two runs: latency (p50, p99) from `latency`, a run at few connections
 * (one reader: what a page costs, without the queueing of many), and req/s from `throughput`, a run
 * at many (what one process serves). 5xx and unanswered requests of both are counted; memory is
 * the later run's. A skipped or failed URL in either run is reported as that run reported it.
 */
export function combine(latency: Measure | Skipped, throughput: Measure | Skipped): Measure | Skipped {
  if (!("rps" in latency)) return latency;
  if (!("rps" in throughput)) return throughput;
  if (latency.completed === 0) return { ...latency, errors5xx: latency.errors5xx + throughput.errors5xx };
  return {
    ...latency,
    rps: throughput.rps,
    errors5xx: latency.errors5xx + throughput.errors5xx,
    failed: latency.failed + throughput.failed,
    rssMiB: throughput.rssMiB,
  };
}

/** All the URLs at once, each connection cycling through them: what one process serves of a mix. */
export async function measureMix(
  options: LoadOptions,
  base: string,
  paths: string[],
  pid: number | undefined,
): Promise<Measure> {
  await settle(options, base);
  await load(options, base, 1, paths);
  return figures(200, null, await load(options, base, options.seconds, paths), pid);
}

/**
 * A URL × size cell: req/s, p50, p99, 5xx (and unanswered requests), RSS. A URL none of whose
 * responses came within the run (each slower than the run is long) shows the first GET's time,
 * marked `*`; one that did not answer at all, "did not finish".
 */
export function cell(m: Measure | Skipped | undefined): string[] {
  if (!m) return ["—", "—", "—", "—", "—"];
  if (!("rps" in m)) return [`${m.status}, skipped`, "—", "—", "—", "—"];
  const rss = m.rssMiB === null ? "n/a" : String(m.rssMiB);
  const errors = m.errors5xx > 0 ? `**${m.errors5xx}**` : "0";
  if (m.completed === 0) {
    // Nothing finished: a 5xx answer, or no answer within the cap.
    if (m.errors5xx === 0 && m.failed === 0 && m.firstMs !== null) return ["0", `${m.firstMs}*`, "—", errors, rss];
    const what = m.errors5xx > 0 ? "5xx" : "did not finish";
    return [what, what, what, errors, rss];
  }
  const failed = m.failed > 0 ? ` (+${m.failed} did not finish)` : "";
  // autocannon's latencies are whole milliseconds: 0 means under 1 ms.
  const ms = (n: number) => (n < 1 ? "<1" : String(n));
  return [m.rps.toFixed(m.rps < 10 ? 1 : 0), ms(m.p50), ms(m.p99), errors + failed, rss];
}
