/**
 * Whether the arguments of a server-action request can be decoded, checked before Next decodes them
 * (lib/request-guard.ts). Next hands the body to React's reply decoder (react-server-dom-webpack
 * `decodeReply`, `decodeAction`), which reads JSON rows whose strings may begin with `$` and a code:
 * `$$…` is an escaped `$`, `$u` undefined, `$D` a date, `$n` a big integer, `$K` the form fields
 * of a prefix, and most other codes point at another row by hexadecimal id (`$1`, `$@2`, `$Q3:key`).
 * A pointer at a row that is not there, a map or set over something that is not a list, a big
 * integer that is not digits, or a kind of value this app never sends (server references, blobs,
 * typed arrays, streams) makes the decoder throw ("Connection closed.") and Next answer 500.
 *
 * The app's actions take plain values and form data only (a form's previous state and its fields),
 * so a reply is accepted when every row it reaches parses as JSON, stays under {@link MAX_DEPTH}
 * levels, and uses only the codes below on rows that exist.
 */

/** Deeper replies are refused (the decoder walks them recursively). */
export const MAX_DEPTH = 64;

/** Codes of values that stand alone. */
const SCALAR_CODES = new Set(["$", "u", "I", "-", "N", "D", "H", "K", "T"]);
/** Codes that point at another row and need a list there. */
const LIST_CODES = new Set(["Q", "W", "i"]);
/** Codes of values the app never sends as arguments. */
const REFUSED_CODES = new Set([..."hAOoUSsLlGgMmVBRrXx"]);

/**
 * Why the reply rooted at row `root` of `rows` (field name → text) cannot be decoded, or null when
 * it can. Row ids are hexadecimal in pointers and decimal in field names, after `prefix`.
 */
export function replyProblem(rows: ReadonlyMap<string, string>, prefix = "", root = "0"): string | null {
  const parsed = new Map<string, unknown>();
  const visiting = new Set<string>();

  const row = (id: string): { value: unknown } | string => {
    const name = `${prefix}${id}`;
    if (parsed.has(name)) return { value: parsed.get(name) };
    const text = rows.get(name);
    if (text === undefined) return `row ${id} is missing`;
    try {
      const value: unknown = JSON.parse(text);
      parsed.set(name, value);
      return { value };
    } catch {
      return `row ${id} is not JSON`;
    }
  };

  const check = (value: unknown, depth: number): string | null => {
    if (depth > MAX_DEPTH) return "too deeply nested";
    if (typeof value === "string") return checkString(value, depth);
    if (Array.isArray(value)) {
      for (const item of value) {
        const problem = check(item, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    if (value !== null && typeof value === "object") {
      for (const item of Object.values(value)) {
        const problem = check(item, depth + 1);
        if (problem) return problem;
      }
    }
    return null;
  };

  const checkString = (value: string, depth: number): string | null => {
    if (!value.startsWith("$")) return null;
    const code = value[1] ?? "";
    if (code === "n") return /^-?[0-9]{1,300}$/.test(value.slice(2)) ? null : "a big integer that is not digits";
    if (SCALAR_CODES.has(code)) return null;
    if (REFUSED_CODES.has(code)) return `a value of kind $${code}`;
    const pointer = code === "@" || LIST_CODES.has(code) ? value.slice(2) : value.slice(1);
    const [hex = "", ...path] = pointer.split(":");
    if (!/^[0-9a-f]{1,8}$/i.test(hex)) return "a pointer that is not a row id";
    const id = String(parseInt(hex, 16));
    if (visiting.has(id)) return null; // a cycle is the decoder's business, not a missing row
    const target = row(id);
    if (typeof target === "string") return target;
    let resolved: unknown = target.value;
    for (const key of path) {
      resolved =
        resolved !== null && typeof resolved === "object" ? (resolved as Record<string, unknown>)[key] : undefined;
    }
    if (LIST_CODES.has(code) && !Array.isArray(resolved)) return `$${code} over something that is not a list`;
    visiting.add(id);
    const problem = check(target.value, depth + 1);
    visiting.delete(id);
    return problem;
  };

  const start = row(root);
  if (typeof start === "string") return start;
  visiting.add(String(Number(root)));
  return check(start.value, 0);
}

/**
 * The problem of a server action's form body (field name → text), or null. A fetch action's rows
 * are the numeric fields; a form sent without JavaScript names its action in `$ACTION_ID_…` or
 * `$ACTION_REF_n` with rows `$ACTION_n:0…` (an `{ id, bound }` record), as React's `decodeAction`
 * reads them (the last such key wins).
 */
export function formReplyProblem(fields: ReadonlyMap<string, string>, isFetch: boolean): string | null {
  if (isFetch) return replyProblem(fields);
  let actionKey: string | null = null;
  for (const name of fields.keys())
    if (name.startsWith("$ACTION_REF_") || name.startsWith("$ACTION_ID_")) actionKey = name;
  if (actionKey === null || actionKey.startsWith("$ACTION_ID_")) return null;
  const prefix = `$ACTION_${actionKey.slice("$ACTION_REF_".length)}:`;
  const metadata = fields.get(`${prefix}0`);
  try {
    const meta = JSON.parse(metadata ?? "") as { id?: unknown; bound?: unknown };
    if (typeof meta?.id !== "string") return "the action record has no id";
    if (meta.bound !== null && typeof meta.bound !== "string")
      return "the action record's bound arguments are not a pointer";
  } catch {
    return "the action record is not JSON";
  }
  return replyProblem(fields, prefix);
}
