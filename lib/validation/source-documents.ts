/**
 * Input of "create a source document" (issue 10; the import calls it with a text it has read, see
 * lib/import/types.ts `SourceText`). Every message names the field's rule.
 */
import { z } from "zod";

import { MAX_SOURCE_TEXT_LENGTH, SOURCE_DOCUMENT_KINDS, SOURCE_FORMATS } from "../source-documents";
import { ZEvidenceUrl, ZOptionalDate, zId, zText } from "./fields";

export const ZCreateSourceDocument = z.object({
  agreementId: zId("agreement"),
  kind: z.enum(SOURCE_DOCUMENT_KINDS, {
    error: "Choose official text, joint statement, readout, news report or other",
  }),
  title: zText(300, { required: true, label: "The title" }),
  /** optional: empty means none */
  url: z.preprocess(
    (v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v),
    ZEvidenceUrl.nullable(),
  ),
  /** optional: empty means none */
  publishedOn: z.preprocess((v) => (v === undefined ? null : v), ZOptionalDate),
  /** stored exactly as given (never trimmed): anchors point into it */
  text: z
    .string({ error: "The text must be text" })
    .refine((v) => v.trim().length > 0, { message: "The text is empty" })
    .refine((v) => v.length <= MAX_SOURCE_TEXT_LENGTH, {
      message: `The text is too long: at most ${MAX_SOURCE_TEXT_LENGTH} characters`,
    })
    .refine((v) => !v.includes("\u0000"), { message: "The text holds a NUL character: it looks like a binary file" }),
  format: z.enum(SOURCE_FORMATS, { error: "Not a known format" }).default("paste"),
  encoding: zText(40, { label: "The encoding" })
    .default("UTF-8")
    .transform((v) => v || "UTF-8"),
  encodingGuessed: z.boolean({ error: "encodingGuessed must be true or false" }).default(false),
});
export type TCreateSourceDocument = z.infer<typeof ZCreateSourceDocument>;
