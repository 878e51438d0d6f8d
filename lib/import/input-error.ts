/**
 * The one error the text-in stage throws (lib/import/text-in.ts re-exports it): a refusal of an
 * upload or a paste, with the problem as a closed code (`ImportInputProblem` in ./types) and the
 * form field to show the message beside. Messages are whole sentences for the admin who uploaded
 * the file: they name the problem and say what to do instead. Any other error escaping the stage is a
 * bug, not a refusal.
 */
import type { ImportInputProblem } from "./types";

export class ImportInputError extends Error {
  readonly problem: ImportInputProblem;
  readonly field: "file" | "text";

  constructor(problem: ImportInputProblem, field: "file" | "text", message: string) {
    super(message);
    this.name = "ImportInputError";
    this.problem = problem;
    this.field = field;
  }
}

/**
 * "7.2 MB" (1 MB = 1,048,576 bytes, as MAX_SOURCE_BYTES counts); near a whole number of MB, where one
 * decimal would hide the difference from the limit, the exact bytes too: "5.0 MB (5,242,881 bytes)".
 */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  const shown = `${mb.toFixed(1)} MB`;
  return Math.abs(mb - Math.round(mb)) < 0.05 ? `${shown} (${bytes.toLocaleString("en")} bytes)` : shown;
}
