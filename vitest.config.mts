import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

const ROOT = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": ROOT,
      // `server-only` throws outside React Server Components; the data layer is tested directly.
      "server-only": path.join(ROOT, "tests/support/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
    // Not UTC, and far from it: a date that shifts with the process time zone fails a test.
    env: { TZ: "Pacific/Kiritimati" },
    setupFiles: ["tests/support/fail-on-console-error.ts"],
  },
});
