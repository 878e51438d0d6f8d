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
  milliseconds: number;
}

/**
 * Settings for filling a new, throwaway database fast: no fsync (`synchronous = OFF`) and a page
 * cache of `cacheMiB` (default 256) so the one big transaction does not spill to disk before it
 * commits. A crash while growing can leave the file corrupt, so use it only on a file made for the
 * purpose (`npm run db:grow`, `npm run bench:scale`); the connection should be closed afterwards.
 */
export function bulkLoadSettings(sqlite: Database.Database, cacheMiB = 256): void {
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma(`cache_size = -${Math.round(cacheMiB * 1024)}`);
  sqlite.pragma("temp_store = MEMORY");
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

/**
 * Add `options.commitments` commitments (in agreements of 25) to a migrated database.
 * @throws the driver's error when a row breaks a constraint (then nothing is added).
 */
export function growDatabase(sqlite: Database.Database, options: GrowOptions): GrowResult {
  const started = performance.now();
  const random = prng(options.seed ?? 8);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const agreementCount = Math.ceil(options.commitments / COMMITMENTS_PER_AGREEMENT);

  const insertParty = sqlite.prepare("INSERT OR IGNORE INTO parties (code, name) VALUES (?, ?)");
  const insertAgreement = sqlite.prepare(
    `INSERT INTO agreements (slug, title, kind, signed_on, place, summary, source_url)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const insertAgreementParty = sqlite.prepare(
    "INSERT INTO agreement_parties (agreement_id, party_code, signatory) VALUES (?, ?, ?)",
  );
  const insertCommitment = sqlite.prepare(
    `INSERT INTO commitments (agreement_id, parent_id, ref, position, title, description, quote, theme,
       strength, owner, target_date, target_precision, target_phrase, status, progress, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const insertCommitmentParty = sqlite.prepare(
    "INSERT INTO commitment_parties (commitment_id, party_code) VALUES (?, ?)",
  );
  const insertUpdate = sqlite.prepare(
    `INSERT INTO status_updates (commitment_id, status_from, status_to, progress_from, progress_to, note,
       happened_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const insertEvidence = sqlite.prepare(
    `INSERT INTO evidence (commitment_id, status_update_id, url, title, publisher, published_on, kind, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAudit = sqlite.prepare(
    `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, before, after)
     VALUES (?, NULL, 'status_update.create', 'commitment', ?, ?, ?)`,
  );

  const result: GrowResult = {
    agreements: 0,
    commitments: 0,
    milestones: 0,
    statusUpdates: 0,
    evidence: 0,
    auditRows: 0,
    milliseconds: 0,
  };
  const firstSigned = Date.UTC(2015, 0, 1);
  const signedSpan = Date.UTC(2024, 11, 31) - firstSigned;
  const openStatuses = STATUS_VALUES.filter((s) => s !== "not_assessed");

  sqlite
    .transaction(() => {
      for (const code of PARTY_CODES) insertParty.run(code, `Party ${code}`);
      const base = (sqlite.prepare("SELECT coalesce(max(id), 0) FROM agreements").pluck().get() as number) + 1;
      for (let a = 0; a < agreementCount; a++) {
        const n = base + a;
        const first = pick(PARTY_CODES);
        let second = pick(PARTY_CODES);
        while (second === first) second = pick(PARTY_CODES);
        const signedMs = firstSigned + Math.floor(random() * (signedSpan / DAY)) * DAY;
        const signedOn = toDate(signedMs);
        const theme = pick(THEMES);
        const agreementId = (
          insertAgreement.get(
            `grown-${n}-${first.toLowerCase()}-${second.toLowerCase()}`,
            `${first}–${second} ${pick(KINDS)} no. ${n}`,
            pick(KINDS),
            signedOn,
            `Capital of ${first}`,
            `Generated agreement ${n} between ${first} and ${second}, mostly on ${theme.toLowerCase()}.`,
            `https://example.org/agreements/${n}`,
          ) as { id: number }
        ).id;
        insertAgreementParty.run(agreementId, first, `Head of government of ${first}`);
        insertAgreementParty.run(agreementId, second, `Head of government of ${second}`);
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
          const commitmentId = (
            insertCommitment.get(
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
            ) as { id: number }
          ).id;
          if (!milestone) parents.push(commitmentId);
          insertCommitmentParty.run(commitmentId, first);
          insertCommitmentParty.run(commitmentId, second);
          result.commitments++;
          if (milestone) result.milestones++;

          updates.forEach((u, i) => {
            const createdAt = `${u.on}T09:00:00.000Z`;
            const note = `Update ${i + 1} on item ${n}.${c + 1}: ${u.to.replace(/_/g, " ")}.`;
            const updateId = (
              insertUpdate.get(commitmentId, u.from, u.to, u.pFrom, u.pTo, note, u.on, createdAt) as { id: number }
            ).id;
            result.statusUpdates++;
            if (i % 2 === 0) {
              insertEvidence.run(
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
            insertAudit.run(
              createdAt,
              String(commitmentId),
              JSON.stringify({ status: u.from, progress: u.pFrom, version: i + 1 }),
              JSON.stringify({ status: u.to, progress: u.pTo, version: i + 2, statusUpdateId: updateId, note }),
            );
            result.auditRows++;
          });
        }
      }
    })
    .immediate();
  result.milliseconds = performance.now() - started;
  return result;
}
