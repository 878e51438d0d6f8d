/** The server's heap limit (scripts/lib/serve.ts): from SERVER_HEAP_MB, else the base plus the response cache. */
import { describe, expect, it } from "vitest";

import { serverArgs, serverHeapMb } from "../../scripts/lib/serve";

describe("serverHeapMb", () => {
  it("is 128 MiB plus the response cache's MiB (64 by default; none when it is off)", () => {
    expect(serverHeapMb({})).toBe(192);
    expect(serverHeapMb({ RESPONSE_CACHE_MB: "0" })).toBe(128);
    expect(serverHeapMb({ RESPONSE_CACHE_MB: "16.5" })).toBe(145);
  });

  it("takes SERVER_HEAP_MB when set, and refuses a value it cannot use, naming it", () => {
    expect(serverHeapMb({ SERVER_HEAP_MB: "512", RESPONSE_CACHE_MB: "0" })).toBe(512);
    expect(() => serverHeapMb({ SERVER_HEAP_MB: "32" })).toThrow(
      /SERVER_HEAP_MB must be a whole number of MiB from 64/,
    );
    expect(() => serverHeapMb({ SERVER_HEAP_MB: "lots" })).toThrow(/SERVER_HEAP_MB/);
  });

  it("is passed to node before the server script", () => {
    const args = serverArgs({ port: 3999, hostname: "127.0.0.1" }, { RESPONSE_CACHE_MB: "0" });
    expect(args[0]).toBe("--max-old-space-size=128");
    expect(args.slice(-4)).toEqual(["--port", "3999", "--hostname", "127.0.0.1"]);
  });

  it("exposes gc for the collection between requests only with SERVER_IDLE_GC=1", () => {
    expect(serverArgs({ port: 3999 }, {})).not.toContain("--expose-gc");
    expect(serverArgs({ port: 3999 }, { SERVER_IDLE_GC: "0" })).not.toContain("--expose-gc");
    expect(serverArgs({ port: 3999 }, { SERVER_IDLE_GC: "1" })).toContain("--expose-gc");
  });
});
