import path from "node:path";

import { describe, expect, it } from "vitest";

import { readEnv, databasePath } from "@/lib/env";
import { safeHttpUrl } from "@/lib/evidence";
import { parseRowId } from "@/lib/ids";

describe("evidence URLs", () => {
  it("accepts absolute http and https URLs, trimmed", () => {
    expect(safeHttpUrl("  https://bernama.com/lite/news.php?id=2458050 ")).toBe(
      "https://bernama.com/lite/news.php?id=2458050",
    );
    expect(safeHttpUrl("HTTP://Example.org/a")).toBe("http://example.org/a");
  });

  it("refuses javascript:, data:, other schemes and relative URLs", () => {
    for (const bad of [
      "javascript:alert(1)",
      " JaVaScRiPt:alert(1)",
      "data:text/html,<b>x</b>",
      "ftp://x.org/f",
      "/relative",
      "example.org",
      "https://",
      "",
    ]) {
      expect(safeHttpUrl(bad), bad).toBeNull();
    }
  });
});

describe("commitment ids in URLs", () => {
  it("accepts only canonical positive integers", () => {
    expect(parseRowId("6")).toBe(6);
    expect(parseRowId("0")).toBeNull();
    expect(parseRowId("06")).toBeNull();
    expect(parseRowId("-1")).toBeNull();
    expect(parseRowId("1e3")).toBeNull();
    expect(parseRowId("6abc")).toBeNull();
    expect(parseRowId("99999999999999999")).toBeNull();
  });
});

describe("environment", () => {
  it("defaults to ./data/accord.sqlite, UTC and a 64 MiB response cache", () => {
    const env = readEnv({});
    expect(env).toEqual({
      DATABASE_URL: "./data/accord.sqlite",
      APP_TIME_ZONE: "UTC",
      RESPONSE_CACHE_MB: 64,
      TRUST_PROXY: false,
    });
    expect(readEnv({ RESPONSE_CACHE_MB: "0" }).RESPONSE_CACHE_MB).toBe(0);
    expect(readEnv({ RESPONSE_CACHE_MB: "128" }).RESPONSE_CACHE_MB).toBe(128);
    expect(databasePath(env)).toBe(path.resolve("data/accord.sqlite"));
  });

  it("takes DATABASE_URL as a file path, with or without file:", () => {
    expect(readEnv({ DATABASE_URL: "file:/tmp/x.sqlite" }).DATABASE_URL).toBe("/tmp/x.sqlite");
    expect(readEnv({ DATABASE_URL: "file:///tmp/x.sqlite" }).DATABASE_URL).toBe("/tmp/x.sqlite");
    expect(readEnv({ DATABASE_URL: "file:/tmp/x.sqlite?mode=rwc" }).DATABASE_URL).toBe("/tmp/x.sqlite");
    expect(readEnv({ DATABASE_URL: "", APP_TIME_ZONE: "" }).DATABASE_URL).toBe("./data/accord.sqlite");
  });

  it("names the variable when the time zone is not an IANA name", () => {
    expect(() => readEnv({ APP_TIME_ZONE: "Mars/Olympus" })).toThrow(/APP_TIME_ZONE/);
  });
});
