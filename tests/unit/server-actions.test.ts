/**
 * Every server action is a public POST endpoint (Next.js data-security guide). This test reads each
 * "use server" module and fails when an action writes without going through a write verb of
 * db/mutations/ (which checks the role, parses, and audits in one transaction).
 */
import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

const actionModules = files(path.join(process.cwd(), "app")).filter((f) =>
  /^\s*["']use server["']/.test(fs.readFileSync(f, "utf8")),
);

describe("server actions", () => {
  it("exist (the scan finds them)", () => {
    expect(actionModules.length).toBeGreaterThanOrEqual(5);
  });

  it.each(actionModules.map((f) => [path.relative(process.cwd(), f), f]))(
    "%s writes only through write verbs",
    (_name, file) => {
      const source = fs.readFileSync(file, "utf8");
      expect(source, "imports tables directly").not.toMatch(/from ["']@\/db\/schema["']/);
      expect(source, "runs SQL directly").not.toMatch(/\.(insert|update|delete)\(|\.run\(|\.exec\(/);
      const verbs = [...source.matchAll(/import \{([^}]+)\} from ["']@\/db\/mutations\/[\w-]+["']/g)].flatMap((m) =>
        (m[1] ?? "").split(",").map((s) => s.trim()),
      );
      const exported = [...source.matchAll(/export async function (\w+)\(/g)].map((m) => m[1] ?? "");
      expect(exported.length).toBeGreaterThan(0);
      for (const name of exported) {
        const body = source.slice(source.indexOf(`export async function ${name}(`)).split(/\nexport /)[0] ?? "";
        const callsVerb = verbs.some((v) => v && new RegExp(`\\b${v}\\b`).test(body));
        const authOnly = /\b(signIn|signOut)\(/.test(body);
        expect(callsVerb || authOnly, `${name} must call a write verb of db/mutations (or Auth.js sign-in/out)`).toBe(
          true,
        );
      }
    },
  );
});
