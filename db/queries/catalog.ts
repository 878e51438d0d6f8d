/**
 * The full-text search: the FTS5 MATCH expression of a query (`ftsMatch`, joined to
 * `commitment_search` by db/queries/list.ts) and the ids it matches (`searchCommitmentIds`).
 */
import { sql } from "drizzle-orm";

import type { Db } from "../client";

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
    // A word of punctuation or symbols only ("–", "…", "€") holds no token for unicode61, and its
    // empty phrase would match no row, so "Korea – Malaysia" would find nothing.
    .filter((w) => /[\p{L}\p{N}\p{Co}]/u.test(w))
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map(wordQuery).join(" AND ");
}
