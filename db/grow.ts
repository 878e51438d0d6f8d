/**
 * A deterministic generator of a large Accord Tracker database, for measuring backups, restores and
 * (later) pages at scale. The same options always give the same rows.
 *
 * Shape, per agreement: two parties; 25 commitments (20 top-level, 5 milestones under the first
 * five, so a fifth are milestones), each owed by both parties; 10 status updates per commitment,
 * each with its audit row as the app writes one; one evidence link on every other update (half of
 * them). Rows go through the real tables, so the value-check, full-text-search and public-revision
 * triggers run as they do for the app's writes. Everything is inserted in one transaction with
 * prepared statements (better-sqlite3), which is what makes it fast.
 */
import type Database from "better-sqlite3";

import { STATUS_VALUES, type Status } from "../lib/status";

export const COMMITMENTS_PER_AGREEMENT = 25;
export const MILESTONES_PER_AGREEMENT = 5;
export const UPDATES_PER_COMMITMENT = 10;

export interface GrowOptions {
  /** commitments to add (rounded up to a whole number of agreements of 25) */
  commitments: number;
  /** PRNG seed; the same seed gives the same database */
  seed?: number;
}

export interface GrowResult {
  agreements: number;
  commitments: number;
  milestones: number;
  statusUpdates: number;
  evidence: number;
  auditRows: number;
  /** the whole run, transaction included */
  milliseconds: number;
  /** where the time went: the generation, then each table (its triggers included), in insert order */
  phases: GrowPhase[];
}

/**
 * Settings for filling a new, throwaway database fast: no fsync (`synchronous = OFF`), the
 * rollback journal in memory instead of the WAL (`journal_mode = MEMORY`: the pages are written
 * once, at commit, instead of to the WAL and then again by the checkpoint) and a page cache of
 * `cacheMiB` (default 1,024; SQLite takes it only as the pages come) so the one big transaction
 * never spills to disk before it commits: 50,000 commitments make a file of about 380 MiB, and
 * with a cache smaller than that every page spilled and read back again made the load slower than
 * linear (twice as slow at 50,000 with 256 MiB, more on a busy machine). A crash while growing can
 * leave the file corrupt, so use it only on a file made for the purpose (`npm run db:grow`,
 * `npm run bench:scale`), and call `endBulkLoad` (or close the connection) when done.
 */
export function bulkLoadSettings(sqlite: Database.Database, cacheMiB = 1024): void {
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("journal_mode = MEMORY");
  sqlite.pragma(`cache_size = -${Math.round(cacheMiB * 1024)}`);
  sqlite.pragma("temp_store = MEMORY");
}

/**
 * Undo `bulkLoadSettings`: back to the app's WAL journal and `synchronous = FULL` (db/client.ts),
 * and a default-sized page cache, so the file is left as the app leaves it.
 */
export function endBulkLoad(sqlite: Database.Database): void {
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("cache_size = -2000");
}

/** mulberry32: a small, well-known 32-bit PRNG; deterministic for a seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARTY_CODES = [
  "AU",
  "BR",
  "CA",
  "CL",
  "CN",
  "DE",
  "EG",
  "ES",
  "FR",
  "GB",
  "ID",
  "IN",
  "IT",
  "JP",
  "KE",
  "KR",
  "MX",
  "MY",
  "NG",
  "NZ",
  "PE",
  "PH",
  "PL",
  "SA",
  "SE",
  "SG",
  "TH",
  "TR",
  "US",
  "VN",
  "ZA",
  "AE",
];
const THEMES = ["Trade", "Defence", "Energy", "Climate", "Education", "Health", "Digital", "Tourism", "Minerals"];
const KINDS = ["joint statement", "MoU", "free trade agreement", "treaty", "declaration"];
const VERBS = ["conclude", "expand", "launch", "review", "establish", "strengthen", "negotiate", "sign"];
const OBJECTS = [
  "a framework on critical minerals",
  "a carbon capture and storage partnership",
  "an education exchange programme",
  "a digital trade chapter",
  "joint naval exercises",
  "a tourism promotion plan",
  "a renewable energy roadmap",
  "a health security dialogue",
];
const ISSUED = ["official", "joint", "media", "document", "other"] as const;

const DAY = 86_400_000;
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Value = string | number | null;

/** Time and rows of one phase of `growDatabase`. */
export interface GrowPhase {
  /** "generate rows" (the JavaScript that makes the values) or the table inserted into */
  name: string;
  rows: number;
  /** wall-clock time, the table's triggers included */
  milliseconds: number;
}

/**
 * Rows for one table, buffered and sent as multi-row `INSERT … VALUES (…), (…)` statements of at
 * most `batch` rows (one statement per batch instead of one per row; the table's row triggers still
 * fire once per row, in order). `flush` sends what is buffered; the time spent there is the table's.
 */
class BatchInsert {
  private values: Value[] = [];
  private pending = 0;
  private readonly statements = new Map<number, Database.Statement>();
  rows = 0;
  milliseconds = 0;

  constructor(
    private readonly sqlite: Database.Database,
    readonly table: string,
    private readonly head: string,
    private readonly width: number,
    private readonly batch: number,
  ) {}

  add(...row: Value[]): void {
    for (const value of row) this.values.push(value);
    this.pending++;
  }

  flush(): void {
    if (this.pending === 0) return;
    const started = performance.now();
    for (let first = 0; first < this.pending; first += this.batch) {
      const n = Math.min(this.batch, this.pending - first);
      this.statement(n).run(this.values.slice(first * this.width, (first + n) * this.width));
    }
    this.milliseconds += performance.now() - started;
    this.rows += this.pending;
    this.values = [];
    this.pending = 0;
  }

  private statement(n: number): Database.Statement {
    let statement = this.statements.get(n);
    if (!statement) {
      const tuple = `(${new Array<string>(this.width).fill("?").join(", ")})`;
      statement = this.sqlite.prepare(`${this.head} VALUES ${new Array<string>(n).fill(tuple).join(", ")}`);
      this.statements.set(n, statement);
    }
    return statement;
  }
}

/** The id the next row of an AUTOINCREMENT table gets (what SQLite would assign). */
function nextId(sqlite: Database.Database, table: string): number {
  return (
    (sqlite
      .prepare(
        `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), coalesce((SELECT max(id) FROM "${table}"), 0))`,
      )
      .pluck()
      .get(table) as number) + 1
  );
}

/** Agreements generated before their rows are sent: few enough to keep the buffers small. */
const AGREEMENTS_PER_FLUSH = 8;
/** Rows per multi-row INSERT (16 columns × 100 rows stays far below SQLite's 32,766 variables). */
const ROWS_PER_STATEMENT = 100;

const json = (value: string | null) => (value === null ? "null" : `"${value}"`);

/**
 * Add `options.commitments` commitments (in agreements of 25) to a migrated database, in one
 * transaction. The rows are generated first (ids assigned in order, as SQLite would: the next id
 * of each table), then sent table by table (agreements, their parties, commitments, their parties,
 * status updates, evidence, audit rows) in multi-row INSERTs, a few agreements at a time, so every
 * row trigger runs as for an app write. `result.phases` gives the time of each table and of the
 * generation itself.
 * @throws the driver's error when a row breaks a constraint (then nothing is added).
 */
export function growDatabase(sqlite: Database.Database, options: GrowOptions): GrowResult {
  const started = performance.now();
  const random = prng(options.seed ?? 8);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const agreementCount = Math.ceil(options.commitments / COMMITMENTS_PER_AGREEMENT);

  const insertParty = sqlite.prepare("INSERT OR IGNORE INTO parties (code, name) VALUES (?, ?)");
  const table = (name: string, columns: string) =>
    new BatchInsert(sqlite, name, `INSERT INTO ${name} (${columns})`, columns.split(",").length, ROWS_PER_STATEMENT);
  const agreements = table("agreements", "id, slug, title, kind, signed_on, place, summary, source_url");
  const agreementParties = table("agreement_parties", "agreement_id, party_code, signatory");
  const commitments = table(
    "commitments",
    `id, agreement_id, parent_id, ref, position, title, description, quote, theme, strength, owner, target_date,
     target_precision, target_phrase, status, progress, version`,
  );
  const commitmentParties = table("commitment_parties", "commitment_id, party_code");
  const statusUpdates = table(
    "status_updates",
    "id, commitment_id, status_from, status_to, progress_from, progress_to, note, happened_on, created_at",
  );
  const evidence = table(
    "evidence",
    "commitment_id, status_update_id, url, title, publisher, published_on, kind, created_at",
  );
  const audit = table("audit_log", "at, actor_id, action, entity_type, entity_id, before, after");
  // In the order the foreign keys need.
  const tables = [agreements, agreementParties, commitments, commitmentParties, statusUpdates, evidence, audit];

  const result: GrowResult = {
    agreements: 0,
    commitments: 0,
    milestones: 0,
    statusUpdates: 0,
    evidence: 0,
    auditRows: 0,
    milliseconds: 0,
    phases: [],
  };
  const firstSigned = Date.UTC(2015, 0, 1);
  const signedSpan = Date.UTC(2024, 11, 31) - firstSigned;
  const openStatuses = STATUS_VALUES.filter((s) => s !== "not_assessed");

  let committing = 0;
  sqlite.exec("BEGIN IMMEDIATE");
  try {
    {
      for (const code of PARTY_CODES) insertParty.run(code, `Party ${code}`);
      const base = nextId(sqlite, "agreements");
      let commitmentId = nextId(sqlite, "commitments") - 1;
      let updateId = nextId(sqlite, "status_updates") - 1;
      for (let a = 0; a < agreementCount; a++) {
        const n = base + a;
        const agreementId = n;
        const first = pick(PARTY_CODES);
        let second = pick(PARTY_CODES);
        while (second === first) second = pick(PARTY_CODES);
        const signedMs = firstSigned + Math.floor(random() * (signedSpan / DAY)) * DAY;
        const signedOn = toDate(signedMs);
        const theme = pick(THEMES);
        agreements.add(
          agreementId,
          `grown-${n}-${first.toLowerCase()}-${second.toLowerCase()}`,
          `${first}–${second} ${pick(KINDS)} no. ${n}`,
          pick(KINDS),
          signedOn,
          `Capital of ${first}`,
          `Generated agreement ${n} between ${first} and ${second}, mostly on ${theme.toLowerCase()}.`,
          `https://example.org/agreements/${n}`,
        );
        agreementParties.add(agreementId, first, `Head of government of ${first}`);
        agreementParties.add(agreementId, second, `Head of government of ${second}`);
        result.agreements++;

        const parents: number[] = [];
        for (let c = 0; c < COMMITMENTS_PER_AGREEMENT; c++) {
          const milestone = c >= COMMITMENTS_PER_AGREEMENT - MILESTONES_PER_AGREEMENT;
          const parentIndex = c - (COMMITMENTS_PER_AGREEMENT - MILESTONES_PER_AGREEMENT);
          const parentId = milestone ? (parents[parentIndex] ?? null) : null;
          const years = 1 + Math.floor(random() * 5);
          const targetYear = new Date(signedMs).getUTCFullYear() + years;
          const byDay = random() < 0.3;
          const targetDate = byDay ? toDate(signedMs + years * 365 * DAY) : `${targetYear}-12-31`;
          // Ten updates, 20–80 days apart, walking the status forward; the last one is the current state.
          const updates: { from: Status | null; to: Status; pFrom: number | null; pTo: number | null; on: string }[] =
            [];
          let status: Status = "not_assessed";
          let progress: number | null = null;
          let at = signedMs;
          for (let u = 0; u < UPDATES_PER_COMMITMENT; u++) {
            at += (20 + Math.floor(random() * 60)) * DAY;
            const to: Status =
              u === UPDATES_PER_COMMITMENT - 1 && random() < 0.3 ? pick(STATUS_VALUES) : pick(openStatuses);
            const pTo: number | null =
              random() < 0.8 ? Math.min(100, (progress ?? 0) + Math.floor(random() * 15)) : progress;
            updates.push({ from: status, to, pFrom: progress, pTo, on: toDate(at) });
            status = to;
            progress = pTo;
          }
          const object = pick(OBJECTS);
          const verb = pick(VERBS);
          const ref = milestone ? `${parentIndex + 1}.1` : String(c + 1);
          commitmentId++;
          commitments.add(
            commitmentId,
            agreementId,
            parentId,
            ref,
            c,
            `${milestone ? "Milestone: " : ""}${verb[0]!.toUpperCase()}${verb.slice(1)} ${object} (${n}.${c + 1})`,
            `The parties will ${verb} ${object}, agreement ${n}, item ${c + 1}.`,
            c % 4 === 0 ? `Both sides agreed to ${verb} ${object}.` : "",
            milestone ? theme : pick(THEMES),
            pick(["binding", "intent", "exploratory"]),
            `Ministry of ${pick(THEMES)} (${first})`,
            targetDate,
            byDay ? "day" : "year",
            byDay ? `within ${years} years` : `by ${targetYear}`,
            status,
            progress,
            1 + UPDATES_PER_COMMITMENT,
          );
          if (!milestone) parents.push(commitmentId);
          commitmentParties.add(commitmentId, first);
          commitmentParties.add(commitmentId, second);
          result.commitments++;
          if (milestone) result.milestones++;

          for (let i = 0; i < updates.length; i++) {
            const u = updates[i]!;
            const createdAt = `${u.on}T09:00:00.000Z`;
            const note = `Update ${i + 1} on item ${n}.${c + 1}: ${u.to.replace(/_/g, " ")}.`;
            updateId++;
            statusUpdates.add(updateId, commitmentId, u.from, u.to, u.pFrom, u.pTo, note, u.on, createdAt);
            result.statusUpdates++;
            if (i % 2 === 0) {
              evidence.add(
                commitmentId,
                updateId,
                `https://example.org/evidence/${commitmentId}/${updateId}`,
                `Report ${i + 1} on item ${n}.${c + 1}`,
                `Ministry of Foreign Affairs (${first})`,
                u.on,
                pick(ISSUED),
                createdAt,
              );
              result.evidence++;
            }
            // The audit row's JSON, as JSON.stringify writes it (the values hold no character to escape).
            audit.add(
              createdAt,
              null,
              "status_update.create",
              "commitment",
              String(commitmentId),
              `{"status":${json(u.from)},"progress":${u.pFrom},"version":${i + 1}}`,
              `{"status":${json(u.to)},"progress":${u.pTo},"version":${i + 2},"statusUpdateId":${updateId},"note":"${note}"}`,
            );
            result.auditRows++;
          }
        }
        if ((a + 1) % AGREEMENTS_PER_FLUSH === 0 || a === agreementCount - 1) for (const t of tables) t.flush();
      }
    }
    committing = performance.now();
    sqlite.exec("COMMIT");
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    throw error;
  }
  const ended = performance.now();
  result.milliseconds = ended - started;
  const inserting = tables.reduce((sum, t) => sum + t.milliseconds, 0);
  result.phases = [
    { name: "generate rows", rows: 0, milliseconds: committing - started - inserting },
    ...tables.map((t) => ({ name: t.table, rows: t.rows, milliseconds: t.milliseconds })),
    { name: "commit", rows: 0, milliseconds: ended - committing },
  ];
  return result;
}
