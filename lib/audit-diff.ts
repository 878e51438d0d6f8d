/**
 * What an audit entry changed, field by field, from its `before` and `after` records (JSON values
 * as stored in audit_log). Used by the admin audit log so a moved target date is not buried in two
 * blobs of twenty fields.
 */

export interface FieldChange {
  field: string;
  /** the value before, `undefined` when the field did not exist */
  before: unknown;
  /** the value after, `undefined` when the field no longer exists */
  after: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The fields whose values differ between `before` and `after` (compared as JSON), in the order they
 * appear in `after`, then those only in `before`. A created record lists every field of `after`; a
 * value that is not an object is compared as a whole, under the field name "value".
 */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const b = before ?? undefined;
  const a = after ?? undefined;
  if (!isRecord(b) && !isRecord(a)) {
    return JSON.stringify(b) === JSON.stringify(a) ? [] : [{ field: "value", before: b, after: a }];
  }
  const from = isRecord(b) ? b : {};
  const to = isRecord(a) ? a : {};
  const fields = [...new Set([...Object.keys(to), ...Object.keys(from)])];
  return fields
    .filter((field) => JSON.stringify(from[field]) !== JSON.stringify(to[field]))
    .map((field) => ({ field, before: from[field], after: to[field] }));
}

/** A value as short text for the log: strings as they are, `—` for nothing, the rest as JSON. */
export function auditValue(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}
