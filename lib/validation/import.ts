/**
 * Input of the import verbs (issue 10; db/mutations/import-*.ts). Forms send text; these schemas
 * turn it into typed values and name the field of every problem. A candidate's editable fields are
 * the commitment form's own (lib/validation/agreements.ts ZCommitmentFields), so what a reviewer
 * may type is what an admin may type.
 */
import { z } from "zod";

import { REVIEWER_DECISIONS } from "../import/review-words";
import { MAX_SOURCE_TEXT_LENGTH, SOURCE_DOCUMENT_KINDS, SOURCE_FORMATS } from "../source-documents";
import { ZEvidenceUrl, ZOptionalDate, zId, zText } from "./fields";

/** What a failed run records: text-in's problem codes, and the import's own two. */
export const IMPORT_FAILURES = [
  "empty",
  "too_large",
  "binary",
  "unsupported_type",
  "encoding",
  "scanned_pdf",
  "unreadable",
  "invalid",
  "extraction_failed",
] as const;
export type ImportFailureProblem = (typeof IMPORT_FAILURES)[number];

/** The fields of the upload form that describe the document (the text comes separately). */
export const ZImportDocument = z.object({
  agreementId: zId("agreement"),
  /** blank: the agreement's title */
  title: zText(300, { label: "The title" }).optional().default(""),
  kind: z
    .enum(SOURCE_DOCUMENT_KINDS, { error: "Choose official text, joint statement, readout, news report or other" })
    .default("official_text"),
  url: z.preprocess(
    (v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v),
    ZEvidenceUrl.nullable(),
  ),
  /** the document's own date; blank: the agreement's signing date */
  publishedOn: z.preprocess((v) => (v === undefined ? null : v), ZOptionalDate),
  fileName: z.string().max(255).nullable().optional().default(null),
  byteSize: z.number().int().min(0).nullable().optional().default(null),
});

/** A text as lib/import/text-in.ts read it (SourceText). */
export const ZImportSource = z.object({
  text: z
    .string({ error: "The text must be text" })
    .refine((v) => v.trim().length > 0, { message: "The text is empty" })
    .refine((v) => v.length <= MAX_SOURCE_TEXT_LENGTH, {
      message: `The text is too long: at most ${MAX_SOURCE_TEXT_LENGTH} characters`,
    })
    .refine((v) => !v.includes("\u0000"), { message: "The text holds a NUL character: it looks like a binary file" }),
  format: z.enum(SOURCE_FORMATS, { error: "Not a known format" }),
  encoding: zText(40, { label: "The encoding" }).transform((v) => v || "UTF-8"),
  encodingGuessed: z.boolean().default(false),
  notes: z.array(z.string().max(500)).max(20).default([]),
});

/** Why an upload was refused: the problem, the form field to show it at, the sentence to show. */
export const ZImportFailure = z.object({
  problem: z.enum(IMPORT_FAILURES),
  field: z.enum(["file", "text", "title", "kind", "url", "publishedOn", "form"]),
  message: z.string().trim().min(1).max(2000),
});

/** `import.start`: the document's fields and either the text read or why it could not be. */
export const ZStartImport = z.intersection(
  ZImportDocument,
  z.union([z.object({ source: ZImportSource }), z.object({ failure: ZImportFailure })]),
);
export type TStartImport = z.infer<typeof ZStartImport>;

export const ZRunRef = z.object({ runId: zId("import run") });
/** The version of a candidate a form showed (optional: a caller without one is not checked). */
const zVersion = z
  .union([z.number(), z.string().trim()])
  .transform((v, ctx) => {
    const n = typeof v === "number" ? v : /^[0-9]{1,15}$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) {
      ctx.addIssue({ code: "custom", message: "Not a valid candidate version" });
      return z.NEVER;
    }
    return n;
  })
  .optional();

export const ZCandidateRef = z.object({ candidateId: zId("candidate"), version: zVersion });

/** Candidate ids from repeated form fields or a list (at most a page's worth per request). */
const ZCandidateIds = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(
    z.array(zId("candidate")).min(1, { message: "Choose a candidate" }).max(500, { message: "At most 500 at once" }),
  );

export const ZDecideCandidates = z.object({
  runId: zId("import run"),
  candidateIds: ZCandidateIds,
  decision: z.enum(REVIEWER_DECISIONS, { error: "Choose accept, reject or undecided" }),
  /** checked when one candidate is decided */
  version: zVersion,
});

/** Split: at an offset inside the quote (a boundary chosen from a list), or after typed words. */
export const ZSplitCandidate = z
  .object({
    candidateId: zId("candidate"),
    version: zVersion,
    at: z
      .union([
        z.literal(""),
        z.number(),
        z
          .string()
          .trim()
          .regex(/^[0-9]{1,7}$/, { message: "Choose where to split" }),
      ])
      .optional()
      .transform((v) => (v === "" || v === undefined ? null : Number(v))),
    firstPart: zText(5000).optional().default(""),
  })
  .refine((v) => v.at !== null || v.firstPart !== "", {
    message: "Choose where to split, or type the words of the first part",
    path: ["at"],
  });

export const ZMergeCandidates = z.object({
  candidateId: zId("candidate"),
  version: zVersion,
  withId: zId("candidate"),
  withVersion: zVersion,
});
