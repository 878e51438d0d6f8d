import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts/import.ts");
const DIR = mkdtempSync(path.join(tmpdir(), "import-cli-"));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const TEXT = [
  "JOINT STATEMENT",
  "",
  "1. The Leaders welcomed the signing of the MoU on defence industry cooperation in September 2023.",
  "",
  "2. The two sides agreed to conclude negotiations on the Free Trade Agreement by next year and to establish a Joint Committee on Defence Industry.",
  "",
  "3. Malaysia welcomed Korea's offer to provide 100 scholarships a year to Malaysian students.",
  "",
  "4. 양국 정상은 2025년까지 디지털 경제 파트너십 협정 협상을 개시하기로 합의했다.",
  "",
].join("\n");
const FILE = path.join(DIR, "statement.txt");
writeFileSync(FILE, `\uFEFF${TEXT}`);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BASE = ["--date", "2024-11-25", "--parties", "KR,MY"];

// Each case starts a Node process with tsx: seconds under a loaded machine.
describe("npm run import", { timeout: 30_000 }, () => {
  it("prints a table of the candidates without writing", () => {
    const r = cli(FILE, ...BASE, "--title", "KR–MY joint statement");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^para\s+kind\s+strength\s+theme\s+parties\s+deadline → date\s+quote$/);
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(lines[2]).toMatch(
      /^2\s+pledge\s+binding\s+trade\s+KR,MY\s+by next year → 2025-12-31\s+The two sides agreed/,
    );
    expect(lines[4]).toMatch(/^3\s+pledge\s+binding\s+education\s+KR\s+—\s+Malaysia welcomed/);
    expect(lines.at(-1)).toBe("4 pledge(s), 1 position(s) — KR–MY joint statement");
  });

  it("--json prints exactly the agreed keys, in order, with offsets into the file's text", () => {
    const r = cli(FILE, ...BASE, "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { candidates: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(["candidates"]);
    expect(out.candidates).toHaveLength(5);
    for (const c of out.candidates) {
      expect(Object.keys(c)).toEqual([
        "paragraph",
        "quote",
        "start",
        "end",
        "kind",
        "strength",
        "theme",
        "parties",
        "deadlinePhrase",
        "targetDate",
        "targetPrecision",
        "rules",
      ]);
      expect(TEXT.slice(c.start as number, c.end as number)).toBe(c.quote);
    }
    expect(out.candidates[1]).toEqual({
      paragraph: 2,
      quote: "The two sides agreed to conclude negotiations on the Free Trade Agreement by next year",
      start: TEXT.indexOf("The two sides"),
      end: TEXT.indexOf(" and to establish"),
      kind: "pledge",
      strength: "binding",
      theme: "trade",
      parties: ["KR", "MY"],
      deadlinePhrase: "by next year",
      targetDate: "2025-12-31",
      targetPrecision: "year",
      rules: ["C1", "C2", "C3", "S1", "T2", "P1", "D4"],
    });
    expect(out.candidates[0]).toMatchObject({ kind: "position", strength: null, deadlinePhrase: null });
    expect(out.candidates[4]).toMatchObject({
      paragraph: 4,
      quote: "양국 정상은 2025년까지 디지털 경제 파트너십 협정 협상을 개시하기로 합의했다.",
    });
  });

  const dir = path.join(DIR, "a-folder.txt");
  const binary = path.join(DIR, "binary.txt");
  const latin1 = path.join(DIR, "latin1.txt");
  const empty = path.join(DIR, "empty.txt");
  writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]));
  writeFileSync(latin1, Buffer.from("Caf\xe9 will open.", "latin1"));
  writeFileSync(empty, " \n\n ");
  mkdirSync(dir);

  it("reads a Windows-1252 file as the app would store it (offsets into the decoded text)", () => {
    const r = cli(latin1, ...BASE, "--json");
    expect(r.code).toBe(0);
    const [c] = (JSON.parse(r.stdout) as { candidates: { quote: string; start: number; end: number }[] }).candidates;
    expect(c).toMatchObject({ quote: "Café will open.", start: 0, end: 15 });
  });

  it.each([
    ["missing FILE", [...BASE], 2, /^import: missing FILE\. usage: npm run import -- FILE/],
    ["two files", [FILE, FILE, ...BASE], 2, /^import: one FILE only, got 2\./],
    ["missing --date", [FILE, "--parties", "KR,MY"], 2, /^import: --date is required/],
    [
      "bad --date",
      [FILE, "--date", "2024-02-30", "--parties", "KR,MY"],
      2,
      /^import: --date "2024-02-30" is not a real date/,
    ],
    [
      "bad --date form",
      [FILE, "--date", "25/11/2024", "--parties", "KR,MY"],
      2,
      /^import: --date "25\/11\/2024" is not/,
    ],
    ["missing --parties", [FILE, "--date", "2024-11-25"], 2, /^import: --parties is required/],
    [
      "unknown party code",
      [FILE, "--date", "2024-11-25", "--parties", "KR,XX"],
      2,
      /^import: --parties: unknown party code "XX"/,
    ],
    ["--commit (not part of this command yet)", [FILE, ...BASE, "--commit"], 2, /^import: Unknown option '--commit'/],
    ["no such file", [path.join(DIR, "nope.txt"), ...BASE], 1, /^import: nope\.txt: no such file\n$/],
    ["a folder", [dir, ...BASE], 1, /^import: a-folder\.txt: is a folder\n$/],
    // The messages of the text-in stage (lib/import/text-in.ts), which reads the file.
    [
      "a binary file",
      [binary, ...BASE],
      1,
      /^import: binary\.txt: The file could not be read as text: it looks binary/,
    ],
    [
      "an empty file",
      [empty, ...BASE],
      1,
      /^import: empty\.txt: The file holds no text \(it is empty or only white space\)\.\n$/,
    ],
    ["an unreadable path", [path.join(FILE, "child.txt"), ...BASE], 1, /^import: child\.txt: cannot be read\n$/],
  ])("%s: exits non-zero with one line and no stack trace", (_label, args, code, message) => {
    const r = cli(...args);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
