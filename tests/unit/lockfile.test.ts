/**
 * `npm ci` refuses a lock file in which a package's dependency (optional ones included) has no entry
 * ("Missing: … from lock file"), and CI starts with `npm ci`. This registry serves only
 * @flydotio/litestream's linux-x64 binary, so `npm install` writes the wrapper's other three
 * platform packages into its entry without entries of their own: keep the lock as `npm ci` needs it.
 */
import fs from "node:fs";

import { describe, expect, it } from "vitest";

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

describe("package-lock.json", () => {
  it("has an entry for every dependency its entries name, as npm ci requires", () => {
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, LockEntry>;
    };
    const missing: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
        // npm resolves a dependency in the nearest node_modules up the tree (Node's lookup rule).
        const parts = where ? where.split("/node_modules/") : [];
        let found = false;
        for (let depth = parts.length; depth >= 0 && !found; depth--) {
          const base = parts.slice(0, depth).join("/node_modules/");
          found = `${base ? `${base}/node_modules/` : "node_modules/"}${name}` in lock.packages;
        }
        if (!found) missing.push(`${name} (needed by ${where || "the project"})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
