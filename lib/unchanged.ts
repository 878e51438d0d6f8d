/**
 * Whether an edit form changes anything (issue 8, defect 10): an unchanged save is a no-op that
 * writes no row, no audit entry and no new version, so other open forms do not conflict.
 */

/** True when every given field equals the stored one (an empty text and NULL count as equal). */
export function sameFields(stored: Record<string, unknown>, given: Record<string, unknown>): boolean {
  return Object.entries(given).every(([key, value]) => (stored[key] ?? "") === (value ?? ""));
}

/** True when two lists of codes hold the same codes, in any order. */
export function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
