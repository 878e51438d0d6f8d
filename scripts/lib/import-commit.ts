/**
 * `npm run import -- FILE … --agreement ID|SLUG --commit [--accept-all-unflagged] [--as EMAIL]`
 * (scripts/import.ts): the file's text becomes an import run of the agreement through the write
 * verbs the review page uses (db/mutations/import-*.ts), as an admin account — the one named by
 * `--as`, else the first active admin. Without `--agreement`, `--title`, `--date` and `--parties`
 * describe a new agreement, created first by the `agreement.create` verb (slug and kind by
 * lib/import/new-agreement.ts; parties the database does not hold yet are added with their names). With `--accept-all-unflagged` the undecided pledges without
 * a flag are accepted and their commitments created (`import.commit`, one transaction); the rest
 * stay for review on the page. Prints the run, what was skipped as already imported, and what was
 * created. Database: DATABASE_URL, migrated first, as the app does.
 */
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";

import { type Db, prepareDatabase } from "../../db/client";
import { createAgreement } from "../../db/mutations/agreements";
import { commitImport } from "../../db/mutations/import-commit";
import { acceptUnflagged } from "../../db/mutations/import-review";
import { startImport } from "../../db/mutations/import-start";
import { agreementParties, agreements, commitments, parties, users } from "../../db/schema";
import type { SourceText } from "../../lib/import/types";
import { newAgreementKind, newAgreementSlug } from "../../lib/import/new-agreement";
import { PARTY_NAMES } from "../../lib/import/party-names";
import { appToday } from "../../lib/today";
import { databasePath } from "../../lib/env";
import { SOURCE_DOCUMENT_KINDS, type SourceDocumentKind } from "../../lib/source-documents";

/** A refusal to print on stderr; `usage` ones exit 2, others 1. */
export class CommitError extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

export interface CommitArgs {
  file: string;
  fileName: string;
  byteSize: number;
  source: SourceText;
  /** the agreement's id or slug; undefined to create one from title, date and codes */
  agreement: string | undefined;
  /** the document's date (YYYY-MM-DD), or undefined for the agreement's signing date */
  date: string | undefined;
  /** party codes given with --parties, to check against the agreement's */
  codes: string[] | undefined;
  title: string | undefined;
  kind: string | undefined;
  url: string | undefined;
  acceptAllUnflagged: boolean;
  as: string | undefined;
}

export interface CommitReport {
  runId: number;
  agreementId: number;
  agreementSlug: string;
  /** whether this run created the agreement */
  agreementCreated: boolean;
  actor: string;
  candidates: number;
  sentences: number;
  skipped: { candidateId: number; commitmentId: number; ref: string; reason: "passage" | "words"; quote: string }[];
  accepted: number;
  created: { candidateId: number; commitmentId: number; ref: string; title: string }[];
  reviewPath: string;
}

function findAgreement(db: Db, key: string) {
  const byId = /^[1-9][0-9]{0,15}$/.test(key) ? Number(key) : -1;
  const row = db
    .select({ id: agreements.id, slug: agreements.slug })
    .from(agreements)
    .where(and(or(eq(agreements.id, byId), eq(agreements.slug, key)), isNull(agreements.deletedAt)))
    .get();
  if (!row) throw new CommitError(`--agreement "${key}": no live agreement has this id or slug`, true);
  return row;
}

function findAdmin(db: Db, email: string | undefined) {
  const admins = db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(eq(users.role, "admin"), isNull(users.disabledAt), email ? eq(users.email, email.toLowerCase()) : undefined),
    )
    .orderBy(asc(users.id))
    .all();
  const admin = admins[0];
  if (!admin)
    throw new CommitError(
      email
        ? `--as ${email}: no active admin has this email`
        : "no active admin account: create one first (npm start creates the first)",
      true,
    );
  return admin;
}

const refOf = (db: Db, id: number) =>
  db.select({ ref: commitments.ref }).from(commitments).where(eq(commitments.id, id)).get()?.ref ?? "?";

/** Run the import; @throws CommitError for bad arguments or a refused text (the failed run is kept). */
/**
 * A new agreement for the text: title, signing date = the document's date, parties = `codes`
 * (those the database lacks are added with their English names).
 * @throws CommitError naming the field the agreement verb refused.
 */
function createNewAgreement(db: Db, adminId: number, args: CommitArgs): { id: number; slug: string } {
  const title = args.title?.trim() ?? "";
  const date = args.date ?? "";
  const codes = args.codes ?? [];
  const known = new Set(
    db
      .select({ code: parties.code })
      .from(parties)
      .all()
      .map((p) => p.code),
  );
  const same = db
    .select({ slug: agreements.slug })
    .from(agreements)
    .where(
      and(
        sql`lower(${agreements.title}) = lower(${title})`,
        eq(agreements.signedOn, date),
        isNull(agreements.deletedAt),
      ),
    )
    .get();
  if (same)
    throw new CommitError(
      `--title: the agreement "${same.slug}" has this title and date; import into it with --agreement ${same.slug}`,
      true,
    );
  const slug = newAgreementSlug(
    title,
    codes,
    date,
    (s) => db.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, s)).get() !== undefined,
  );
  const kind = (SOURCE_DOCUMENT_KINDS as readonly string[]).includes(args.kind ?? "")
    ? (args.kind as SourceDocumentKind)
    : "joint_statement";
  const created = createAgreement(
    db,
    adminId,
    {
      slug,
      title,
      kind: newAgreementKind(kind),
      signedOn: date,
      place: "",
      summary: "",
      sourceUrl: args.url ?? "",
      parties: codes.filter((c) => known.has(c)),
      newParties: codes.filter((c) => !known.has(c)).map((code) => ({ code, name: PARTY_NAMES[code]?.[0] ?? code })),
    },
    appToday(),
  );
  if (!created.ok) {
    const fields = "fieldErrors" in created && created.fieldErrors ? created.fieldErrors : {};
    const flag: Record<string, string> = {
      title: "--title",
      signedOn: "--date",
      parties: "--parties",
      sourceUrl: "--url",
    };
    const [field, messages] = Object.entries(fields)[0] ?? [];
    throw new CommitError(
      field
        ? `${flag[field] ?? field}: ${(messages as string[])[0]}`
        : `the agreement was not created: ${created.message}`,
      true,
    );
  }
  return { id: created.data.agreementId, slug: created.data.slug };
}

export async function commitFile(args: CommitArgs): Promise<CommitReport> {
  const db = prepareDatabase(databasePath());
  if (args.agreement === undefined) return commitToNewAgreement(db, args);
  const agreement = findAgreement(db, args.agreement);
  if (args.codes) {
    const own = db
      .select({ code: agreementParties.partyCode })
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, agreement.id))
      .all()
      .map((p) => p.code)
      .sort();
    const given = [...args.codes].sort();
    if (own.join(",") !== given.join(","))
      throw new CommitError(
        `--parties ${given.join(",")} are not the agreement's parties (${own.join(",")}); leave --parties out with --commit`,
        true,
      );
  }
  const admin = findAdmin(db, args.as);
  return runImport(db, admin, agreement, false, args);
}

/** `commitFile` without `--agreement`: the agreement is created first, by the same admin. */
async function commitToNewAgreement(db: Db, args: CommitArgs): Promise<CommitReport> {
  const admin = findAdmin(db, args.as);
  const agreement = createNewAgreement(db, admin.id, args);
  return runImport(db, admin, agreement, true, args);
}

async function runImport(
  db: Db,
  admin: { id: number; email: string },
  agreement: { id: number; slug: string },
  agreementCreated: boolean,
  args: CommitArgs,
): Promise<CommitReport> {
  const started = await startImport(db, admin.id, {
    agreementId: agreement.id,
    title: args.title ?? "",
    kind: args.kind ?? "official_text",
    url: args.url ?? "",
    publishedOn: args.date ?? "",
    fileName: args.fileName,
    byteSize: args.byteSize,
    source: args.source,
  });
  if (!started.ok) throw new CommitError(started.message);
  const run = started.data;
  if (run.state === "failed")
    throw new CommitError(
      `${args.fileName}: ${run.error?.message ?? "the import failed"} (run ${run.runId})`,
      run.error?.field !== "file" && run.error?.field !== "text",
    );
  const report: CommitReport = {
    runId: run.runId,
    agreementId: agreement.id,
    agreementSlug: agreement.slug,
    agreementCreated,
    actor: admin.email,
    candidates: run.candidateCount,
    sentences: run.sentenceCount,
    skipped: [],
    accepted: 0,
    created: [],
    reviewPath: `/admin/agreements/${agreement.id}/import?run=${run.runId}`,
  };
  if (args.acceptAllUnflagged) {
    const accepted = acceptUnflagged(db, admin.id, { runId: run.runId });
    if (!accepted.ok) throw new CommitError(accepted.message);
    report.accepted = accepted.data.accepted;
    if (accepted.data.accepted > 0) {
      // import.commit creates a batch at a time (COMMIT_BATCH): commit until none is left.
      for (let remaining = accepted.data.accepted; remaining > 0;) {
        const committed = commitImport(db, admin.id, { runId: run.runId });
        if (!committed.ok) throw new CommitError(committed.message);
        report.created.push(...committed.data.created.map((c) => ({ ...c, ref: refOf(db, c.commitmentId) })));
        report.skipped.push(...committed.data.skipped.map((s) => ({ ...s, ref: refOf(db, s.commitmentId) })));
        remaining = committed.data.remaining;
      }
    }
  }
  const atStart = db.$client
    .prepare("SELECT id, quote FROM import_candidates WHERE run_id = ? AND decision = 'duplicate' ORDER BY start")
    .all(run.runId) as { id: number; quote: string }[];
  const startQuote = new Map(atStart.map((r) => [r.id, r.quote]));
  report.skipped.unshift(
    ...run.duplicates.map((d) => ({
      ...d,
      ref: refOf(db, d.commitmentId),
      quote: startQuote.get(d.candidateId) ?? "",
    })),
  );
  db.$client.close();
  return report;
}

function cut(s: string, width: number): string {
  const q = s.replace(/\s+/g, " ");
  return q.length <= width ? q : `${q.slice(0, width - 1)}…`;
}

/** The report as lines for the terminal. */
export function describeReport(r: CommitReport): string {
  const lines = [
    ...(r.agreementCreated ? [`Created agreement ${r.agreementSlug} (id ${r.agreementId}).`] : []),
    `Import run ${r.runId} of ${r.agreementSlug} (agreement ${r.agreementId}), as ${r.actor}: ${r.candidates} candidate(s) from ${r.sentences} sentence(s).`,
  ];
  lines.push(`Skipped as already imported: ${r.skipped.length}`);
  for (const s of r.skipped)
    lines.push(
      `  “${cut(s.quote, 70)}” — the same ${s.reason === "passage" ? "passage" : "words"} as commitment ${s.ref} (id ${s.commitmentId})`,
    );
  lines.push(`Accepted (not flagged): ${r.accepted}`);
  lines.push(`Created: ${r.created.length}`);
  for (const c of r.created) lines.push(`  commitment ${c.ref} (id ${c.commitmentId}): ${cut(c.title, 90)}`);
  lines.push(`Review the rest at ${r.reviewPath}`);
  return lines.join("\n");
}
