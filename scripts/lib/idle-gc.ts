/**
 * Garbage collection when the server goes idle: after the last response in flight has closed, on
 * the next turn of the event loop and only if no request has come in meanwhile, a young-generation
 * collection (V8's scavenge), and a full one (mark-compact) once the old generation has grown by
 * `majorAfterMiB` since the last.
 *
 * Why: V8 collects when an allocation finds its space full, which is in the middle of a render. A
 * scavenge there copies the render's live tree, and what survives two of them is promoted to the
 * old generation, which then needs a mark-compact pause of about 25 ms at 50,000 commitments
 * (`node --trace-gc`, session 8): the pauses are what lift a page's p99 above its p50. Collected
 * between requests, the same work lands where no reader waits. Under steady concurrent load the
 * server is never idle and V8 collects as it always does; the work is the same, moved.
 *
 * Needs `node --expose-gc` (scripts/lib/serve.ts passes it when `SERVER_IDLE_GC=1`); without `gc`
 * it does nothing.
 * V8's `gc()` extension takes `{ type: "minor" | "major" }` (v8/src/extensions/gc-extension.cc).
 */
import v8 from "node:v8";

export type GcFunction = (options: { type: "minor" | "major" }) => void;

export interface IdleCollector {
  /** Count `res` (a response, or anything that emits "close" once) in flight until it closes. */
  track(res: { once(event: "close", listener: () => void): unknown }): void;
  /** Collections run so far, by kind (for tests and logs). */
  readonly runs: { minor: number; major: number };
}

export interface IdleCollectorOptions {
  /** V8's `gc` (default `globalThis.gc`, present with `--expose-gc`) */
  gc?: GcFunction;
  /** bytes in use in the old generation (default: V8's `old_space`) */
  oldSpaceBytes?: () => number;
  /** old-generation growth that calls for a full collection at idle, in MiB (default 8) */
  majorAfterMiB?: number;
  /** how to wait for the next turn of the event loop (default `setImmediate`) */
  defer?: (run: () => void) => void;
}

function oldSpaceUsed(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === "old_space")?.space_used_size ?? 0;
}

/** A collector that runs when the last tracked response closes (see the module's note). */
export function idleCollector(options: IdleCollectorOptions = {}): IdleCollector {
  const gc = options.gc ?? (globalThis as { gc?: GcFunction }).gc;
  const oldSpace = options.oldSpaceBytes ?? oldSpaceUsed;
  const majorAfter = (options.majorAfterMiB ?? 8) * 1024 * 1024;
  const defer = options.defer ?? ((run: () => void) => void setImmediate(run));
  const runs = { minor: 0, major: 0 };
  let inFlight = 0;
  let scheduled = false;
  let baseline = gc ? oldSpace() : 0;

  const collect = () => {
    scheduled = false;
    if (inFlight > 0 || !gc) return;
    const used = oldSpace();
    // V8's own full collections lower the old generation: measure growth from the lowest seen.
    baseline = Math.min(baseline, used);
    if (used - baseline >= majorAfter) {
      gc({ type: "major" });
      runs.major += 1;
      baseline = oldSpace();
    } else {
      gc({ type: "minor" });
      runs.minor += 1;
    }
  };

  return {
    track(res) {
      inFlight += 1;
      res.once("close", () => {
        inFlight -= 1;
        if (inFlight === 0 && gc && !scheduled) {
          scheduled = true;
          defer(collect);
        }
      });
    },
    runs,
  };
}
