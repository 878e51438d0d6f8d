/**
 * The CSV export of the commitment list (issue 4): UTF-8 with a byte-order mark, so Excel reads Korean
 * and Malay correctly; RFC 4180 quoting and CRLF line ends (csv-stringify); dates as YYYY-MM-DD.
 *
 * Formula injection: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
 * gets a single quote in front (`'=HYPERLINK(…)`), so a spreadsheet shows it as text instead of
 * running it (OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection).
 * Number cells (id, parent_id, progress) are written as numbers and left alone; dates and the
 * other fixed values never begin with those characters.
 *
 * One documented column set, the same for every filtered list:
 */
import { stringify } from "csv-stringify/sync";

import type { CalendarDate } from "./calendar-date";
import { type CatalogRow, dueOn, overdueOn } from "./commitment-list";
import { freshness } from "./freshness";
import { statusLabel } from "./status";

/** Column name → what it holds. */
export const CSV_COLUMNS = {
  id: "Commitment id (stable; the page is /commitments/{id})",
  ref: "Number within the agreement",
  level: "commitment or milestone (counted separately)",
  parent_id: "For a milestone, the id of its commitment",
  agreement: "Agreement slug",
  agreement_title: "Agreement title",
  title: "Commitment title",
  theme: "Theme",
  strength: "binding, intent, exploratory, or empty when not classified",
  owner: "Office that answers for delivery",
  parties: "Codes of the parties that owe it, separated by ;",
  status:
    "Status value (not_assessed, not_started, in_progress, stalled, partially_fulfilled, fulfilled, not_fulfilled)",
  status_label: "Status as shown",
  progress: "0–100, empty when not recorded",
  target_date: "YYYY-MM-DD, the last day the target allows",
  target_precision: "day, month, quarter or year",
  target_phrase: "The target as phrased in the text",
  overdue: "yes or no, on the list's date",
  last_updated_on: "Date of the last status update, YYYY-MM-DD",
  stale: "yes when open and not updated for more than 180 days",
  url: "Public page",
  // Columns added later go last, so a sheet that reads the columns by position keeps working.
  due_today: "yes when the target date is the list's date and the status is not final (the API's dueToday)",
} as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** `text` with a leading `'` when a spreadsheet would read it as a formula (see the module comment). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The CSV text (with BOM) for `rows`, judged on `day`, with absolute links on `origin`. */
export function commitmentsCsv(rows: readonly CatalogRow[], day: CalendarDate, origin: string): string {
  return stringify(
    rows.map((r) => csvRecord(r, day, origin)),
    { ...STRINGIFY_OPTIONS, header: true, bom: true },
  );
}

/**
 * The same CSV as `commitmentsCsv`, as a stream of UTF-8 bytes: rows are pulled from `rows` (e.g.
 * db/queries/list.ts `iterateCommitmentList`, which reads the database a chunk at a time) and
 * written `batch` records at a time, so an export of any size holds one batch in memory.
 */
export function commitmentsCsvStream(
  rows: Iterable<CatalogRow>,
  day: CalendarDate,
  origin: string,
  batch = 200,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = rows[Symbol.iterator]();
  let first = true;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const records: ReturnType<typeof csvRecord>[] = [];
      let done = false;
      while (records.length < batch) {
        const next = it.next();
        if (next.done) {
          done = true;
          break;
        }
        records.push(csvRecord(next.value, day, origin));
      }
      if (records.length > 0 || first) {
        controller.enqueue(encoder.encode(stringify(records, { ...STRINGIFY_OPTIONS, header: first, bom: first })));
      }
      first = false;
      if (done) controller.close();
    },
    cancel() {
      it.return?.();
    },
  });
}

const STRINGIFY_OPTIONS = {
  columns: Object.keys(CSV_COLUMNS),
  record_delimiter: "\r\n",
  cast: { string: neutraliseFormula },
  // csv-stringify quotes a field holding the record delimiter (CRLF) but not a bare LF or CR;
  // RFC 4180 wants every field with a line break quoted.
  quoted_match: /[\r\n]/,
};

function csvRecord(r: CatalogRow, day: CalendarDate, origin: string) {
  return {
    id: r.id,
    ref: r.ref,
    level: r.level,
    parent_id: r.parentId ?? "",
    agreement: r.agreement.slug,
    agreement_title: r.agreement.title,
    title: r.title,
    theme: r.theme,
    strength: r.strength ?? "",
    owner: r.owner,
    parties: r.parties.join(";"),
    status: r.status,
    status_label: statusLabel(r.status),
    progress: r.progress ?? "",
    target_date: r.targetDate ?? "",
    target_precision: r.targetPrecision ?? "",
    target_phrase: r.targetPhrase,
    overdue: overdueOn(r, day) ? "yes" : "no",
    last_updated_on: r.lastUpdatedOn ?? "",
    stale: freshness(
      { status: r.status, lastUpdatedOn: r.lastUpdatedOn, agreementSignedOn: r.agreement.signedOn, addedOn: r.addedOn },
      day,
    ).stale
      ? "yes"
      : "no",
    url: `${origin}/commitments/${r.id}`,
    due_today: dueOn(r, day) ? "yes" : "no",
  };
}
