/**
 * Loads every live commitment and milestone with what the list, the API and the exports need
 * (lib/commitment-list.ts does the filtering), and runs the full-text search.
 */
import { asc, eq, sql } from "drizzle-orm";

import type { CatalogRow, HistoryPoint } from "../../lib/commitment-list";
import { isAssessment } from "../../lib/freshness";
import type { Db } from "../client";
import { isLiveCommitment } from "../live";
import { agreements, commitments, statusUpdates } from "../schema";
import { addedOnByCommitment, partiesByCommitment, progressByCommitment } from "./shared";

/** Every live commitment of every live agreement, with its parties, roll-up and status history. */
export function loadCatalog(db: Db): CatalogRow[] {
  const liveRows = db
    .select({
      id: commitments.id,
      ref: commitments.ref,
      title: commitments.title,
      parentId: commitments.parentId,
      position: commitments.position,
      theme: commitments.theme,
      strength: commitments.strength,
      owner: commitments.owner,
      targetDate: commitments.targetDate,
      targetPrecision: commitments.targetPrecision,
      targetPhrase: commitments.targetPhrase,
      status: commitments.status,
      progress: commitments.progress,
      agreement: { id: agreements.id, slug: agreements.slug, title: agreements.title, signedOn: agreements.signedOn },
    })
    .from(commitments)
    .innerJoin(agreements, eq(agreements.id, commitments.agreementId))
    .where(isLiveCommitment(commitments.id))
    .all();
  const ids = liveRows.map((r) => r.id);
  const parties = partiesByCommitment(db, ids);
  const added = addedOnByCommitment(db, ids);
  const live = new Set(ids);
  const history = new Map<number, HistoryPoint[]>();
  const updates = db
    .select({
      id: statusUpdates.id,
      commitmentId: statusUpdates.commitmentId,
      happenedOn: statusUpdates.happenedOn,
      statusTo: statusUpdates.statusTo,
      progressTo: statusUpdates.progressTo,
      targetDateFrom: statusUpdates.targetDateFrom,
      targetDateTo: statusUpdates.targetDateTo,
    })
    .from(statusUpdates)
    .orderBy(asc(statusUpdates.happenedOn), asc(statusUpdates.id))
    .all();
  for (const { commitmentId, ...point } of updates) {
    if (!live.has(commitmentId)) continue;
    history.set(commitmentId, [...(history.get(commitmentId) ?? []), point]);
  }
  const rolled = new Map<number, number | null>();
  for (const agreementId of new Set(liveRows.map((r) => r.agreement.id))) {
    for (const [id, value] of progressByCommitment(db, agreementId)) rolled.set(id, value);
  }
  return liveRows.map((r) => {
    const h = history.get(r.id) ?? [];
    return {
      ...r,
      level: r.parentId === null ? "commitment" : "milestone",
      parties: (parties.get(r.id) ?? []).map((p) => p.code),
      progress: rolled.get(r.id) ?? r.progress,
      lastUpdatedOn: h.findLast(isAssessment)?.happenedOn ?? null,
      addedOn: added.get(r.id) ?? null,
      history: h,
    };
  });
}

const SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉";
const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/**
 * One search word as an FTS5 prefix query. The unicode61 tokenizer keeps "CO₂" and "m²" as written
 * (it folds case and diacritics, not NFKC forms), so a word with digits also matches its subscript
 * and superscript spellings: `co2` finds "CO₂".
 */
function wordQuery(word: string): string {
  const spellings = new Set([word]);
  if (/[0-9]/.test(word)) {
    spellings.add(word.replace(/[0-9]/g, (d) => SUBSCRIPT_DIGITS[Number(d)] ?? d));
    spellings.add(word.replace(/[0-9]/g, (d) => SUPERSCRIPT_DIGITS[Number(d)] ?? d));
  }
  const terms = [...spellings].map((w) => `"${w.replaceAll('"', "")}"*`);
  return terms.length === 1 ? (terms[0] ?? "") : `(${terms.join(" OR ")})`;
}

/**
 * Ids of commitments whose title, description, quote, status-update notes or evidence titles match
 * every word of `q` (prefix match; SQLite FTS5 with the unicode61 tokenizer, diacritics folded; the
 * query is NFKC-normalised, and a word with digits also matches sub- and superscript digits).
 * Each word becomes a quoted FTS5 string (its `"` removed), so FTS5 syntax in `q` (AND, OR, NOT,
 * NEAR(…), column:, ^, *) is searched for as text, never parsed as a query.
 * Returns an empty set when `q` has no word.
 */
export function searchCommitmentIds(db: Db, q: string): Set<number> {
  const match = ftsMatch(q);
  if (match === null) return new Set();
  const rows = db.all<{ id: number }>(
    sql`SELECT rowid AS id FROM commitment_search WHERE commitment_search MATCH ${match}`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The FTS5 MATCH expression for `q` (the rules of `searchCommitmentIds`), or null when `q` has no
 * word. The list joins it to `commitment_search` in SQL (db/queries/list.ts).
 */
export function ftsMatch(q: string): string | null {
  const words = q
    .normalize("NFKC")
    // Control characters are refused with the parameter; a NUL would end FTS5's string early.
    .replace(/\p{Cc}/gu, " ")
    .split(/[\s"'()*:^+-]+/u)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map(wordQuery).join(" AND ");
}
