/**
 * Write verbs that change a candidate's span (issue 10): split one candidate in two
 * (`import.candidate.split`) and merge two neighbours into one (`import.candidate.merge`). The new
 * candidates replace the old ones (removed; their rows are in the audit row's `before`), are
 * undecided, and keep `quote === text.slice(start, end)` with no white space at either end
 * (lib/import/review-spans.ts). Order: check role → parse → one IMMEDIATE transaction with its
 * audit row → small result.
 */
import { and, eq, gt, inArray, lt, ne } from "drizzle-orm";

import { quoteKey } from "../../lib/import/dedupe";
import { resolveDeadline } from "../../lib/import/deadlines";
import { proposedTitle } from "../../lib/import/review-fields";
import { splitSpan, typedSplitPoint } from "../../lib/import/review-spans";
import { ZMergeCandidates, ZSplitCandidate } from "../../lib/validation/import";
import { invalid, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { fieldError } from "../commitment-rows";
import { reviewableCandidate } from "../import-rows";
import { type ImportCandidate, importCandidates } from "../schema-import";
import { IMMEDIATE } from "../transaction";
import { authorize } from "./guard";

/** The longest quote a merge may make: a commitment's quote holds at most 5,000 characters. */
export const MAX_QUOTE = 5000;

type Row = typeof importCandidates.$inferInsert;

/** A part of `from` covering `span` of `text`: its own deadline when its words have one. */
function part(from: ImportCandidate, text: string, span: { start: number; end: number }, date: string | null): Row {
  const quote = text.slice(span.start, span.end);
  const d = date ? resolveDeadline(quote, date) : null;
  const own = d !== null && d.phrase !== null;
  const flags = from.flags.filter((f) => !own || (f !== "vague-deadline" && f !== "recurring"));
  if (own && d.vague) flags.push("vague-deadline");
  if (own && d.recurring) flags.push("recurring");
  const { id: _id, commitmentId: _c, duplicateOf: _d, duplicateReason: _r, updatedAt: _u, ...kept } = from;
  return {
    ...kept,
    start: span.start,
    end: span.end,
    quote,
    quoteKey: quoteKey(quote),
    title: proposedTitle(quote),
    ...(own ? { targetDate: d.targetDate, targetPrecision: d.precision, targetPhrase: d.phrase ?? "" } : {}),
    rules: own ? [...new Set([...from.rules, ...d.rules])] : from.rules,
    flags: [...new Set(flags)],
    decision: "proposed",
    edited: false,
  };
}

export interface SpanResult {
  runId: number;
  /** the new candidates, in text order */
  candidateIds: number[];
}

/**
 * Split a candidate: `raw` = `{ candidateId, at }` (an offset inside the quote, as the review page's
 * list of boundaries gives it) or `{ candidateId, firstPart }` (the words of the first part as
 * typed; white space may differ). Each part gets a title from its words and its own deadline when
 * its words hold one, else the whole's.
 */
export function splitCandidate(db: Db, actorId: number | null, raw: unknown): WriteResult<SpanResult> {
  const guard = authorize(db, actorId, "import.candidate.split");
  if (!guard.ok) return guard;
  const parsed = ZSplitCandidate.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { candidateId, version, at, firstPart } = parsed.data;
  return db.transaction((tx): WriteResult<SpanResult> => {
    const found = reviewableCandidate(tx, candidateId, version);
    if ("ok" in found) return found;
    const { candidate, run } = found;
    const text = run.text ?? "";
    const offset = at ?? typedSplitPoint(candidate.quote, firstPart);
    if (offset === null)
      return fieldError(
        "firstPart",
        "The quote does not begin with these words, or they end inside a word: copy whole words from its beginning",
      );
    const parts = splitSpan(text, candidate, candidate.start + offset);
    if (!parts) return fieldError("at", "Split inside the quote, leaving words on both sides");
    const rows = parts.map((span, i) => ({
      ...part(candidate, text, span, run.documentDate),
      proposed: { splitFrom: candidate.proposed, part: i + 1 },
    }));
    tx.delete(importCandidates).where(eq(importCandidates.id, candidate.id)).run();
    const ids = tx
      .insert(importCandidates)
      .values(rows)
      .returning({ id: importCandidates.id })
      .all()
      .map((r) => r.id);
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "import.candidate.split",
      entityType: "import_run",
      entityId: run.id,
      before: [candidate],
      after: rows.map((r, i) => ({ id: ids[i], ...r })),
    });
    return { ok: true, data: { runId: run.id, candidateIds: ids } };
  }, IMMEDIATE);
}

/**
 * Merge two candidates of one run into one covering both and what lies between: `raw` =
 * `{ candidateId, withId }`. They must be neighbours (no candidate between them) in the same or
 * adjacent paragraphs, and the merged quote at most {@link MAX_QUOTE} characters. The first keeps
 * its fields; parties, rules and flags are the union; a position merged with a pledge is a pledge.
 */
export function mergeCandidates(db: Db, actorId: number | null, raw: unknown): WriteResult<SpanResult> {
  const guard = authorize(db, actorId, "import.candidate.merge");
  if (!guard.ok) return guard;
  const parsed = ZMergeCandidates.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  return db.transaction((tx): WriteResult<SpanResult> => {
    const a = reviewableCandidate(tx, parsed.data.candidateId, parsed.data.version);
    if ("ok" in a) return a;
    const b = reviewableCandidate(tx, parsed.data.withId, parsed.data.withVersion);
    if ("ok" in b) return b;
    if (a.run.id !== b.run.id || a.candidate.id === b.candidate.id)
      return fieldError("withId", "Merge two different candidates of the same import");
    const [first, second] = [a.candidate, b.candidate].sort((x, y) => x.start - y.start || x.end - y.end) as [
      ImportCandidate,
      ImportCandidate,
    ];
    if (Math.abs(second.paragraphIndex - first.paragraphIndex) > 1)
      return fieldError("withId", "Merge candidates of the same paragraph or of neighbouring paragraphs only");
    const between = tx
      .select({ id: importCandidates.id })
      .from(importCandidates)
      .where(
        and(
          eq(importCandidates.runId, first.runId),
          ne(importCandidates.id, first.id),
          ne(importCandidates.id, second.id),
          lt(importCandidates.start, second.start),
          gt(importCandidates.end, first.end),
        ),
      )
      .get();
    if (between) return fieldError("withId", "Another candidate lies between these two: merge neighbours only");
    const start = first.start;
    const end = Math.max(first.end, second.end);
    if (end - start > MAX_QUOTE)
      return fieldError("withId", `The merged quote would be longer than ${MAX_QUOTE.toLocaleString("en")} characters`);
    const text = a.run.text ?? "";
    const merged: Row = {
      ...part(first, text, { start, end }, null),
      title: first.edited ? first.title : proposedTitle(text.slice(start, end)),
      kind: first.kind === "pledge" || second.kind === "pledge" ? "pledge" : "position",
      strength: first.strength ?? second.strength,
      parties: [...new Set([...first.parties, ...second.parties])],
      targetDate: first.targetDate ?? second.targetDate,
      targetPrecision: first.targetDate ? first.targetPrecision : second.targetPrecision,
      targetPhrase: first.targetDate ? first.targetPhrase : second.targetPhrase || first.targetPhrase,
      fromCommentary: first.fromCommentary && second.fromCommentary,
      rules: [...new Set([...first.rules, ...second.rules])],
      flags: [...new Set([...first.flags, ...second.flags])],
      proposed: { mergedFrom: [first.proposed, second.proposed] },
    };
    tx.delete(importCandidates)
      .where(inArray(importCandidates.id, [first.id, second.id]))
      .run();
    const id = tx.insert(importCandidates).values(merged).returning({ id: importCandidates.id }).get().id;
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "import.candidate.merge",
      entityType: "import_run",
      entityId: first.runId,
      before: [first, second],
      after: [{ id, ...merged }],
    });
    return { ok: true, data: { runId: first.runId, candidateIds: [id] } };
  }, IMMEDIATE);
}
