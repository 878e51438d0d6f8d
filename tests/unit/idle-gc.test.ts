/** The collection between requests (scripts/lib/idle-gc.ts): when it runs, and which kind. */
import { EventEmitter } from "node:events";

import { describe, expect, it } from "vitest";

import { type GcFunction, idleCollector } from "../../scripts/lib/idle-gc";

const MiB = 1024 * 1024;

function setup(oldSpace: { bytes: number }) {
  const calls: string[] = [];
  const queue: (() => void)[] = [];
  const gc: GcFunction = ({ type }) => void calls.push(type);
  const collector = idleCollector({ gc, oldSpaceBytes: () => oldSpace.bytes, defer: (run) => void queue.push(run) });
  const response = () => {
    const res = new EventEmitter();
    collector.track(res);
    return res;
  };
  const tick = () => queue.splice(0).forEach((run) => run());
  return { calls, collector, response, tick };
}

describe("idleCollector", () => {
  it("collects the young generation once the last response in flight has closed", () => {
    const { calls, response, tick } = setup({ bytes: 50 * MiB });
    const a = response();
    const b = response();
    a.emit("close");
    tick();
    expect(calls).toEqual([]);
    b.emit("close");
    expect(calls).toEqual([]);
    tick();
    expect(calls).toEqual(["minor"]);
  });

  it("does not collect when a request comes in before the next turn", () => {
    const { calls, response, tick } = setup({ bytes: 50 * MiB });
    response().emit("close");
    const next = response();
    tick();
    expect(calls).toEqual([]);
    next.emit("close");
    tick();
    expect(calls).toEqual(["minor"]);
  });

  it("collects everything once the old generation has grown by 8 MiB since the lowest seen", () => {
    const heap = { bytes: 50 * MiB };
    const { calls, collector, response, tick } = setup(heap);
    heap.bytes = 57 * MiB;
    response().emit("close");
    tick();
    heap.bytes = 58 * MiB;
    response().emit("close");
    tick();
    expect(calls).toEqual(["minor", "major"]);
    // V8's own full collection lowered it: growth counts from there.
    heap.bytes = 40 * MiB;
    response().emit("close");
    tick();
    heap.bytes = 47 * MiB;
    response().emit("close");
    tick();
    expect(calls).toEqual(["minor", "major", "minor", "minor"]);
    expect(collector.runs).toEqual({ minor: 3, major: 1 });
  });

  it("does nothing without gc (node not started with --expose-gc)", () => {
    const collector = idleCollector({ gc: undefined, defer: (run) => run() });
    const res = new EventEmitter();
    collector.track(res);
    res.emit("close");
    expect(collector.runs).toEqual({ minor: 0, major: 0 });
  });
});
