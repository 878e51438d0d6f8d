/**
 * FormData → plain object for zod. Plain names become string fields; `list.N.field` names build an
 * array of objects (`evidence.0.url` → `{ evidence: [{ url }] }`, at most 50 rows, in index order).
 * Rows of `evidence` left blank (no title, link, publisher or date) are dropped, so a form can offer
 * empty rows. Framework fields (`$ACTION_…`) and files are ignored.
 *
 * A server action is a public endpoint: its arguments are whatever a client sent, so anything that
 * is not a FormData reads as an empty form (every required field is then reported missing).
 */
type Row = Record<string, string>;

const LIST_FIELD = /^([a-zA-Z]+)\.(\d{1,2})\.([a-zA-Z]+)$/;
const MAX_ROWS = 50;

/** `value` when it is a FormData, else an empty one. */
export function asFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** Plain object of a form's string fields (an empty object for anything but a FormData). */
export function formDataToObject(input: unknown): Record<string, string | Row[]> {
  const fd = asFormData(input);
  const out: Record<string, string | Row[]> = {};
  const lists = new Map<string, Map<number, Row>>();
  for (const [name, value] of fd.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION")) continue;
    const m = LIST_FIELD.exec(name);
    if (!m) {
      out[name] = value;
      continue;
    }
    const [, list = "", indexText = "0", field = ""] = m;
    const index = Number(indexText);
    if (index >= MAX_ROWS) continue;
    const rows = lists.get(list) ?? new Map<number, Row>();
    lists.set(list, rows);
    const row = rows.get(index) ?? {};
    rows.set(index, row);
    row[field] = value;
  }
  for (const [list, rows] of lists) {
    const ordered = [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
    out[list] = list === "evidence" ? ordered.filter(hasEvidenceContent) : ordered;
  }
  return out;
}

function hasEvidenceContent(row: Row): boolean {
  return ["title", "url", "publisher", "publishedOn"].some((k) => (row[k] ?? "").trim() !== "");
}
