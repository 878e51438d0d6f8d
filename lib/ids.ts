/**
 * Route parameters that name rows (commitments, agreements). An id is a positive decimal integer
 * without sign, leading zeros or other characters; anything else names nothing (the page answers 404).
 */
const ID = /^[1-9][0-9]{0,15}$/;

/** The id in `raw`, or `null` when `raw` is not a canonical positive integer within the safe range. */
export function parseRowId(raw: string): number | null {
  if (!ID.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}
