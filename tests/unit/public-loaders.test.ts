/**
 * db/public.ts holds the loaders the pages use: each of its exports has a caller in the app (a
 * loader without one is dead code that still has to be kept right), and the parties of an
 * agreement are read by one query (db/queries/shared.ts `agreementPartiesOf`).
 */
import fs from "node:fs";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { partyNamesOf } from "@/db/import-parties";
import { importAgreement } from "@/db/queries/import";
import { agreementPartiesOf } from "@/db/queries/shared";
import { getAgreementBySlug } from "@/db/queries/agreements";

import { createTempDb, type TempDb } from "../support/temp-db";

const ROOT = path.resolve(__dirname, "../..");
const APP_DIRS = ["app", "components", "lib", "db", "auth"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe("db/public.ts", () => {
  it("exports only loaders that the app calls", () => {
    const file = path.join(ROOT, "db/public.ts");
    const exported = [...fs.readFileSync(file, "utf8").matchAll(/^export (?:const|function) (\w+)/gm)].map((m) => m[1]);
    expect(exported.length).toBeGreaterThan(10);
    const others = APP_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)))
      .filter((f) => f !== file)
      .map((f) => fs.readFileSync(f, "utf8"))
      .join("\n");
    const uncalled = exported.filter((name) => !new RegExp(`\\b${name}\\b`).test(others));
    expect(uncalled).toEqual([]);
  });
});

describe("an agreement's parties", () => {
  let t: TempDb;
  beforeEach(() => {
    t = createTempDb();
  });
  afterEach(() => t.cleanup());

  it("come from one query for the agreement page, the import page and the import's party names", () => {
    const agreement = getAgreementBySlug(t.db, "kr-my-strategic-partnership-2024");
    if (!agreement) throw new Error("no agreement");
    const owed = agreementPartiesOf(t.db, agreement.id);
    expect(owed.map((p) => p.code)).toEqual(["KR", "MY"]);
    expect(agreement.parties).toEqual(owed);
    expect(importAgreement(t.db, agreement.id)?.parties).toEqual(owed);
    const names = partyNamesOf(t.db, agreement.id);
    expect(names.map((p) => p.code)).toEqual(["KR", "MY"]);
    for (const [i, p] of owed.entries()) expect(names[i]?.names).toContain(p.name);
  });
});
