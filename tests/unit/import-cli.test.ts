import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { prepareDatabase } from "../../db/client";
import { agreements } from "../../db/schema";
import { insertUser } from "../support/users";

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
  return cliWith({}, ...args);
}
function cliWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "", ...env },
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
    [
      "--commit without --agreement or --title",
      [FILE, ...BASE, "--commit"],
      2,
      /^import: --commit without --agreement creates the agreement: give --title \(or --agreement ID\|SLUG/,
    ],
    [
      "--commit without --agreement or --parties",
      [FILE, "--date", "2024-11-25", "--title", "A statement", "--commit"],
      2,
      /^import: --commit without --agreement creates the agreement: give --parties/,
    ],
    [
      "--agreement without --commit",
      [FILE, ...BASE, "--agreement", "kr-my"],
      2,
      /^import: --agreement needs --commit \(it writes to the database\)\n$/,
    ],
    [
      "--accept-all-unflagged without --commit",
      [FILE, ...BASE, "--accept-all-unflagged"],
      2,
      /^import: --accept-all-unflagged needs --commit/,
    ],
    [
      "an unknown --kind",
      [FILE, "--agreement", "1", "--commit", "--kind", "memo"],
      2,
      /^import: --kind "memo" is not one of official_text, joint_statement/,
    ],
    ["an unknown option", [FILE, ...BASE, "--publish"], 2, /^import: Unknown option '--publish'/],
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

describe("npm run import -- --commit", { timeout: 60_000 }, () => {
  const dbFile = path.join(DIR, "commit.sqlite");
  const env = { DATABASE_URL: dbFile };
  let agreementId = 0;
  const statement = path.join(DIR, "commit-statement.txt");
  writeFileSync(
    statement,
    [
      "1. The two sides agreed to open a joint trade office in Kuala Lumpur by 2026.",
      "",
      "2. Korea will send a trade mission to Penang by March 2025.",
      "",
      "3. The two Leaders welcomed the visit.",
      "",
    ].join("\n"),
  );

  beforeAll(async () => {
    const db = prepareDatabase(dbFile);
    await insertUser(db, "first-admin@example.org", "admin");
    await insertUser(db, "second-admin@example.org", "admin");
    await insertUser(db, "editor@example.org", "editor");
    agreementId = db.select({ id: agreements.id }).from(agreements).get()!.id;
    db.$client.close();
  });

  function rows(sql: string, ...params: unknown[]) {
    const db = new Database(dbFile, { readonly: true });
    try {
      return db.prepare(sql).all(...params) as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }

  it("--commit alone stores a run for review and creates nothing", () => {
    const before = rows("SELECT count(*) AS n FROM commitments")[0]!.n;
    const r = cliWith(env, statement, "--agreement", "kr-my-strategic-partnership-2024", "--commit");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Import run \d+ of kr-my-strategic-partnership-2024 \(agreement \d+\), as first-admin@example\.org: 3 candidate\(s\)/,
    );
    expect(r.stdout).toContain("Created: 0");
    expect(r.stdout).toMatch(/Review the rest at \/admin\/agreements\/\d+\/import\?run=\d+\n$/);
    expect(rows("SELECT count(*) AS n FROM commitments")[0]!.n).toBe(before);
    expect(rows("SELECT decision FROM import_candidates ORDER BY start").map((x) => x.decision)).toEqual([
      "proposed",
      "proposed",
      "rejected",
    ]);
  });

  it("--accept-all-unflagged creates the unflagged pledges as the admin named; a second run skips them", () => {
    const first = cliWith(
      env,
      statement,
      "--agreement",
      String(agreementId),
      "--commit",
      "--accept-all-unflagged",
      "--as",
      "Second-Admin@example.org",
      "--title",
      "Joint statement",
      "--kind",
      "joint_statement",
      "--json",
    );
    expect(first.stderr).toBe("");
    const report = JSON.parse(first.stdout) as {
      actor: string;
      created: { commitmentId: number; ref: string; title: string }[];
      skipped: unknown[];
    };
    expect(report.actor).toBe("second-admin@example.org");
    expect(report.created.map((c) => [c.ref, c.title])).toEqual([
      ["1", "The two sides agreed to open a joint trade office in Kuala Lumpur by 2026"],
      ["2", "Korea will send a trade mission to Penang by March 2025"],
    ]);
    expect(report.skipped).toEqual([]);
    const made = rows(
      `SELECT c.status, c.anchor_start, c.anchor_end, c.quote, d.text, d.kind, d.title FROM commitments c
       JOIN source_documents d ON d.id = c.source_document_id WHERE c.id = ?`,
      report.created[0]!.commitmentId,
    )[0]!;
    expect(made).toMatchObject({ status: "not_assessed", kind: "joint_statement", title: "Joint statement" });
    expect(String(made.text).slice(Number(made.anchor_start), Number(made.anchor_end))).toBe(made.quote);
    const audit = rows("SELECT action, actor_id FROM audit_log WHERE action IN ('commitment.create', 'import.commit')");
    expect(audit.map((a) => a.action)).toEqual(["commitment.create", "commitment.create", "import.commit"]);

    const again = cliWith(env, statement, "--agreement", String(agreementId), "--commit", "--accept-all-unflagged");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Skipped as already imported: 2");
    expect(again.stdout).toMatch(
      /“The two sides agreed to open a joint trade office in Kuala Lumpur by …” — the same passage as commitment 1 \(id \d+\)/,
    );
    expect(again.stdout).toMatch(
      /“Korea will send a trade mission to Penang by March 2025\.” — the same passage as commitment 2/,
    );
    expect(again.stdout).toContain("Created: 0");
    expect(rows("SELECT count(*) AS n FROM source_documents WHERE kind = 'joint_statement'")[0]!.n).toBe(1);
  });

  it("without --agreement creates the agreement (new parties added) and its accepted commitments; a rerun is refused", () => {
    const trilateral = path.join(DIR, "trilateral.txt");
    writeFileSync(
      trilateral,
      [
        "1. Japan and the Philippines will conclude the reciprocal access agreement by next year.",
        "",
        "2. The three countries welcomed the progress made.",
        "",
      ].join("\n"),
    );
    const args = [
      trilateral,
      "--date",
      "2024-11-25",
      "--parties",
      "jp,PH,KR",
      "--title",
      "Japan–Philippines–Korea Joint Statement",
    ];
    const r = cliWith(env, ...args, "--commit", "--accept-all-unflagged", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      agreementId: number;
      agreementSlug: string;
      agreementCreated: boolean;
      created: { title: string }[];
    };
    expect(report.agreementCreated).toBe(true);
    expect(report.agreementSlug).toBe("japan-philippines-korea-joint-statement-2024");
    expect(report.created.map((c) => c.title)).toEqual([
      "Japan and the Philippines will conclude the reciprocal access agreement by next year",
    ]);
    expect(rows("SELECT title, kind, signed_on FROM agreements WHERE id = ?", report.agreementId)).toEqual([
      { title: "Japan–Philippines–Korea Joint Statement", kind: "Joint statement", signed_on: "2024-11-25" },
    ]);
    expect(
      rows(
        "SELECT p.code, p.name FROM agreement_parties ap JOIN parties p ON p.code = ap.party_code WHERE ap.agreement_id = ? ORDER BY p.code",
        report.agreementId,
      ),
    ).toEqual([
      { code: "JP", name: "Japan" },
      { code: "KR", name: "Republic of Korea" },
      { code: "PH", name: "the Philippines" },
    ]);
    const audit = rows(
      "SELECT action FROM audit_log WHERE entity_type = 'agreement' AND entity_id = ?",
      String(report.agreementId),
    );
    expect(audit.map((a) => a.action)).toEqual(["agreement.create"]);

    const again = cliWith(env, ...args, "--commit");
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `import: --title: the agreement "japan-philippines-korea-joint-statement-2024" has this title and date; import into it with --agreement japan-philippines-korea-joint-statement-2024\n`,
    );
    expect(
      rows("SELECT count(*) AS n FROM agreements WHERE signed_on = '2024-11-25' AND title LIKE 'Japan%'")[0]!.n,
    ).toBe(1);
  });

  it("refuses an unknown agreement, a non-admin, other parties, and a refused file (kept as a failed run)", () => {
    const empty = path.join(DIR, "commit-empty.txt");
    writeFileSync(empty, "\n \n");
    const failedBefore = rows("SELECT count(*) AS n FROM import_runs WHERE state = 'failed'")[0]!.n;
    const cases: [string[], number, RegExp][] = [
      [
        [statement, "--agreement", "nope", "--commit"],
        2,
        /^import: --agreement "nope": no live agreement has this id or slug\n$/,
      ],
      [
        [statement, "--agreement", "1", "--commit", "--as", "editor@example.org"],
        2,
        /^import: --as editor@example\.org: no active admin has this email\n$/,
      ],
      [
        [statement, "--agreement", "1", "--commit", "--parties", "KR,TH"],
        2,
        /^import: --parties KR,TH are not the agreement's parties \(KR,MY\)/,
      ],
      [[empty, "--agreement", "1", "--commit"], 1, /^import: commit-empty\.txt: The file holds no text/],
    ];
    for (const [args, code, message] of cases) {
      const r = cliWith(env, ...args);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    }
    // The CLI reads the file before it writes: a refused file leaves no run (the page keeps one).
    expect(rows("SELECT count(*) AS n FROM import_runs WHERE state = 'failed'")[0]!.n).toBe(failedBefore);
  });
});
