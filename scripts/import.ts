/**
 * `npm run import -- FILE --date YYYY-MM-DD --parties KR,MY [--title "…"] [--json]` (issue 10):
 * reads FILE, proposes its commitments by the import codebook (lib/import/candidates.ts) and prints
 * them — a table, or with `--json` exactly `{"candidates":[…]}` with the keys of CANDIDATE_KEYS in
 * that order, offsets into FILE's text as read. Writes nothing.
 *
 * `npm run import -- FILE --agreement ID|SLUG --commit [--accept-all-unflagged] [--as EMAIL]
 * [--date YYYY-MM-DD] [--title "…"] [--kind joint_statement] [--url URL] [--json]` writes: the
 * text becomes an import run of the agreement in DATABASE_URL's database (without `--agreement`,
 * `FILE --date … --parties … --title … --commit` creates the agreement first), through the review page's
 * own write verbs, as the admin `--as` names (else the first active admin); with
 * `--accept-all-unflagged` the undecided pledges without a flag become commitments (one
 * transaction). Candidates already imported are skipped. It prints the run, what it skipped and what
 * it created (with `--json`, that report as JSON); the rest wait on the review page
 * (scripts/lib/import-commit.ts). `--date` defaults to the agreement's signing date and `--parties`
 * to its parties (when given, they must be the agreement's).
 *
 * Bad arguments exit 2 and an unreadable or refused file exits 1, each with one line on stderr and no
 * stack trace. Flags not listed here are refused as unknown; the writing flags without `--commit`
 * are refused too.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";

import { isCalendarDate } from "../lib/calendar-date";
import { SOURCE_DOCUMENT_KINDS } from "../lib/source-documents";
import { extractCandidates } from "../lib/import/candidates";
import { isKnownPartyCode, partyNamesFor } from "../lib/import/party-names";
import { ImportInputError, readSourceFile } from "../lib/import/text-in";
import type { Candidate, SourceText } from "../lib/import/types";
import { CommitError, commitFile, describeReport } from "./lib/import-commit";

/** The keys of each candidate in `--json` output, in order. */
export const CANDIDATE_KEYS = [
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
] as const;

class UsageError extends Error {}
class InputError extends Error {}

const USAGE =
  'usage: npm run import -- FILE --date YYYY-MM-DD --parties KR,MY [--title "…"] [--json], or ' +
  "npm run import -- FILE (--agreement ID|SLUG | --date … --parties … --title …) --commit [--accept-all-unflagged] [--as EMAIL] [--kind …] [--url …] [--json]";

/**
 * The text of the file at `path` as the importer stores it, read by the text-in stage
 * (lib/import/text-in.ts `readSourceFile`: .txt, .md, .html, .docx or a text PDF, its encoding
 * detected), so the offsets are into the same text the app would store; with its size in bytes.
 * @throws InputError when the file cannot be read or is refused (its message names why).
 */
export async function readInput(path: string): Promise<{ source: SourceText; bytes: number }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder"
          : code === "EACCES"
            ? "permission denied"
            : "cannot be read";
    throw new InputError(`${basename(path)}: ${why}`);
  }
  try {
    return { source: await readSourceFile(new Uint8Array(bytes), basename(path)), bytes: bytes.length };
  } catch (err) {
    if (err instanceof ImportInputError) throw new InputError(`${basename(path)}: ${err.message}`);
    throw err;
  }
}

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        date: { type: "string" },
        parties: { type: "string" },
        title: { type: "string" },
        json: { type: "boolean", default: false },
        agreement: { type: "string" },
        commit: { type: "boolean", default: false },
        "accept-all-unflagged": { type: "boolean", default: false },
        as: { type: "string" },
        kind: { type: "string" },
        url: { type: "string" },
      },
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new UsageError(`${message?.replace(/\. To specify.*$/, "")}. ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError(`missing FILE. ${USAGE}`);
  if (positionals.length > 1) throw new UsageError(`one FILE only, got ${positionals.length}. ${USAGE}`);
  const commit = values.commit;
  for (const flag of ["agreement", "accept-all-unflagged", "as", "kind", "url"] as const)
    if (!commit && values[flag]) throw new UsageError(`--${flag} needs --commit (it writes to the database)`);
  if (commit && values.agreement === undefined) {
    // A new agreement: it needs what the agreement form needs.
    for (const flag of ["title", "date", "parties"] as const)
      if (!values[flag]?.trim())
        throw new UsageError(
          `--commit without --agreement creates the agreement: give --${flag} (or --agreement ID|SLUG to import into one)`,
        );
  }
  if (values.kind !== undefined && !(SOURCE_DOCUMENT_KINDS as readonly string[]).includes(values.kind))
    throw new UsageError(`--kind "${values.kind}" is not one of ${SOURCE_DOCUMENT_KINDS.join(", ")}`);
  if (values.date === undefined && !commit)
    throw new UsageError(`--date is required (YYYY-MM-DD, the document's date)`);
  if (values.date !== undefined && !isCalendarDate(values.date))
    throw new UsageError(`--date "${values.date}" is not a real date as YYYY-MM-DD`);
  if (values.parties === undefined && !commit) throw new UsageError(`--parties is required (codes such as KR,MY)`);
  const codes = values.parties?.split(",").map((c) => c.trim().toUpperCase());
  if (codes?.some((c) => c === "")) throw new UsageError(`--parties "${values.parties}" has an empty code`);
  const unknown = codes?.find((c) => !isKnownPartyCode(c));
  if (unknown) throw new UsageError(`--parties: unknown party code "${unknown}" (ISO 3166 alpha-2, or EU)`);
  return {
    file: positionals[0]!,
    date: values.date,
    codes: codes ? [...new Set(codes)] : undefined,
    title: values.title,
    json: values.json,
    commit,
    agreement: values.agreement,
    acceptAllUnflagged: values["accept-all-unflagged"],
    as: values.as,
    kind: values.kind,
    url: values.url,
  };
}

/** The candidate with exactly the keys of CANDIDATE_KEYS, in that order. */
function forJson(c: Candidate): Record<string, unknown> {
  return Object.fromEntries(CANDIDATE_KEYS.map((k) => [k, c[k]]));
}

function table(candidates: Candidate[], title: string | undefined, width: number): string {
  const head = ["para", "kind", "strength", "theme", "parties", "deadline → date", "quote"];
  const rows = candidates.map((c) => [
    String(c.paragraph),
    c.kind,
    c.strength ?? "—",
    c.theme,
    c.parties.join(","),
    c.deadlinePhrase ? `${c.deadlinePhrase} → ${c.targetDate ?? "no date"}` : "—",
    c.quote.replace(/\s+/g, " "),
  ]);
  const widths = head.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const quoteWidth = Math.max(20, width - widths.reduce((a, b) => a + b + 2, 0));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cut(cell, quoteWidth)))
      .join("  ")
      .trimEnd();
  const pledges = candidates.filter((c) => c.kind === "pledge").length;
  const summary = `${pledges} pledge(s), ${candidates.length - pledges} position(s)${title ? ` — ${title}` : ""}`;
  return [line(head), ...rows.map(line), summary].join("\n");
}

function cut(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, width - 1)}…`;
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const { source, bytes } = await readInput(args.file);
  if (args.commit) {
    const report = await commitFile({
      file: args.file,
      fileName: basename(args.file),
      byteSize: bytes,
      source,
      agreement: args.agreement,
      date: args.date,
      codes: args.codes,
      title: args.title,
      kind: args.kind,
      url: args.url,
      acceptAllUnflagged: args.acceptAllUnflagged,
      as: args.as,
    });
    process.stdout.write(`${args.json ? JSON.stringify(report) : describeReport(report)}\n`);
    return;
  }
  const text = source.text;
  const candidates = extractCandidates(text, { documentDate: args.date!, parties: partyNamesFor(args.codes!) });
  if (args.json) process.stdout.write(`${JSON.stringify({ candidates: candidates.map(forJson) })}\n`);
  else process.stdout.write(`${table(candidates, args.title, process.stdout.columns || 120)}\n`);
}

main().catch((err: unknown) => {
  const known = err instanceof UsageError || err instanceof InputError || err instanceof CommitError;
  process.stderr.write(
    `import: ${known ? err.message : `failed: ${err instanceof Error ? err.message : String(err)}`}\n`,
  );
  process.exitCode = err instanceof UsageError || (err instanceof CommitError && err.usage) ? 2 : 1;
});
