/** The server's heap limit (scripts/lib/serve.ts): from SERVER_HEAP_MB, else the base plus the response cache. */
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { serverBundle } from "../../scripts/lib/server-bundle";
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
    const args = serverArgs({ port: 3999, hostname: "127.0.0.1", entry: "server.cjs" }, { RESPONSE_CACHE_MB: "0" });
    expect(args).toEqual(["--max-old-space-size=128", "server.cjs", "--port", "3999", "--hostname", "127.0.0.1"]);
  });

  it("runs the server from its bundle, plain JavaScript without tsx's loader", () => {
    const args = serverArgs({ port: 3999 }, {});
    expect(args).not.toContain("tsx");
    const entry = args[1]!;
    expect(entry).toMatch(/[/\\]\.next[/\\]accord-server[/\\]server-[0-9a-f]{16}\.cjs$/);
    // The same sources give the same file; it is a CommonJS script that loads the server's modules.
    expect(serverBundle()).toBe(entry);
    const text = readFileSync(entry, "utf8");
    expect(text).toContain('require("next")');
    expect(text).toContain("withResponseCache");
  });

  it("exposes gc for the collection between requests only with SERVER_IDLE_GC=1", () => {
    expect(serverArgs({ port: 3999 }, {})).not.toContain("--expose-gc");
    expect(serverArgs({ port: 3999 }, { SERVER_IDLE_GC: "0" })).not.toContain("--expose-gc");
    expect(serverArgs({ port: 3999 }, { SERVER_IDLE_GC: "1" })).toContain("--expose-gc");
  });
});
