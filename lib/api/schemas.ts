/**
 * The JSON API's response shapes (issue 4), as zod schemas. They serve twice: the route handlers'
 * output is typed by them, and `/api/v1/openapi.json` is generated from them with `z.toJSONSchema`
 * (zod 4, JSON Schema draft 2020-12, the dialect of OpenAPI 3.1).
 */
import { z } from "zod";

import { LEVELS, SORTS, STRENGTHS } from "../commitment-list";
import { EVIDENCE_KINDS } from "../evidence";
import { SOURCE_DOCUMENT_KINDS, SOURCE_FORMATS } from "../source-documents";
import { STATUS_VALUES } from "../status";
import { TARGET_PRECISIONS } from "../target-date";

const Date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ description: "A calendar date, YYYY-MM-DD" });

export const ZApiStatusCounts = z.object(
  Object.fromEntries(STATUS_VALUES.map((s) => [s, z.int().min(0)])) as Record<(typeof STATUS_VALUES)[number], z.ZodInt>,
);

export const ZApiParty = z.object({ code: z.string(), name: z.string(), signatory: z.string().nullable() });

export const ZApiAgreementSummary = z.object({
  slug: z.string(),
  title: z.string(),
  kind: z.string(),
  signedOn: Date.nullable(),
  place: z.string().nullable(),
  parties: z.array(ZApiParty),
  commitments: z.int().min(0).meta({ description: "Top-level commitments (milestones are counted apart)" }),
  milestones: z.int().min(0),
  statusCounts: ZApiStatusCounts.meta({ description: "Top-level commitments per status" }),
  url: z.string(),
  apiUrl: z.string(),
});

export const ZApiCommitment = z.object({
  id: z.int(),
  ref: z.string(),
  title: z.string(),
  level: z.enum(LEVELS),
  parentId: z.int().nullable(),
  agreement: z.object({ slug: z.string(), title: z.string() }),
  theme: z.string(),
  strength: z.enum(STRENGTHS).nullable(),
  owner: z.string(),
  parties: z.array(z.string()).meta({ description: "Codes of the parties that owe it" }),
  targetDate: Date.nullable(),
  targetPrecision: z.enum(TARGET_PRECISIONS).nullable(),
  targetPhrase: z.string(),
  status: z.enum(STATUS_VALUES),
  statusLabel: z.string(),
  progress: z.int().min(0).max(100).nullable(),
  overdue: z.boolean().meta({ description: "Target date passed and status not final (on asOf when given)" }),
  dueToday: z.boolean().meta({ description: "Target date is today (or asOf) and status not final" }),
  lastUpdatedOn: Date.nullable(),
  stale: z.boolean(),
  url: z.string(),
  apiUrl: z.string(),
});

export const ZApiEvidence = z.object({
  url: z.string(),
  title: z.string(),
  publisher: z.string(),
  publishedOn: Date.nullable(),
  kind: z.enum(EVIDENCE_KINDS),
});

export const ZApiStatusUpdate = z.object({
  happenedOn: Date,
  statusFrom: z.enum(STATUS_VALUES).nullable(),
  statusTo: z.enum(STATUS_VALUES),
  progressFrom: z.int().nullable(),
  progressTo: z.int().nullable(),
  targetDateFrom: Date.nullable(),
  targetDateTo: Date.nullable(),
  note: z.string(),
  evidence: z.array(ZApiEvidence),
});

const OFFSETS =
  "Offsets into the source document's `text` in UTF-16 code units (JavaScript string indexes): the passage is text.slice(start, end)";

export const ZApiAnchor = z
  .object({
    sourceDocumentId: z.int(),
    start: z.int().min(0).nullable(),
    end: z.int().min(1).nullable(),
    fromCommentary: z.boolean().meta({
      description: "True when the passage is commentary (e.g. a reporter's words), not the agreement's own wording",
    }),
    passageUrl: z.string().meta({ description: "The passage highlighted on the agreement page" }),
  })
  .meta({ description: `Where the commitment's words are. ${OFFSETS}; null offsets when only the document is known` });

export const ZApiSourceDocumentRef = z.object({
  id: z.int(),
  kind: z.enum(SOURCE_DOCUMENT_KINDS),
  kindLabel: z.string().meta({ description: "official text, joint statement, readout, news report or other" }),
  title: z.string(),
  url: z.string().nullable(),
  publishedOn: Date.nullable(),
});

export const ZApiSourceDocument = ZApiSourceDocumentRef.extend({
  text: z.string().meta({ description: "The stored text that anchors point into" }),
  textLength: z.int().min(1).meta({ description: "text's length in UTF-16 code units" }),
  format: z.enum(SOURCE_FORMATS),
  encoding: z.string(),
  encodingGuessed: z.boolean(),
  pageUrl: z.string().meta({ description: "The document on the agreement page" }),
});

export const ZApiAgreementCommitment = ZApiCommitment.extend({ anchor: ZApiAnchor.nullable() });

export const ZApiCommitmentDetail = ZApiCommitment.extend({
  anchor: ZApiAnchor.nullable(),
  source: z
    .object({ document: ZApiSourceDocumentRef, passage: z.string().nullable() })
    .nullable()
    .meta({ description: "The source document of the anchor and the passage's text" }),
  description: z.string(),
  quote: z.string(),
  fulfilledOn: Date.nullable().meta({
    description: "The date of the update that made it fulfilled; null unless the status is fulfilled",
  }),
  milestones: z.array(
    z.object({
      id: z.int(),
      ref: z.string(),
      title: z.string(),
      status: z.enum(STATUS_VALUES),
      progress: z.int().nullable(),
    }),
  ),
  history: z.array(ZApiStatusUpdate).meta({ description: "Newest first" }),
  otherEvidence: z.array(ZApiEvidence),
});

const Count = z.object({ commitments: z.int(), milestones: z.int() });

/** The paging fields of a list's `meta` (lib/api/serialize.ts `pagingMeta`). */
const Paging = {
  page: z.int().meta({ description: "The page served, from 1" }),
  pages: z.int().meta({ description: "How many pages there are (1 when there are no rows)" }),
  pageSize: z.int(),
  requestedPage: z.int().meta({ description: "The page asked for (the `page` parameter; 1 when absent)" }),
  pastLastPage: z.boolean().meta({
    description: "True when the page asked for is past the last page: then `page` is the last page",
  }),
};

export const ZApiAgreementDetail = ZApiAgreementSummary.extend({
  summary: z.string(),
  sourceUrl: z.string().nullable(),
  commitmentList: z.array(ZApiAgreementCommitment).meta({
    description:
      "One page (meta.page, 25 a page) of the commitments and milestones in the list's order, each with its source anchor",
  }),
  sourceDocuments: z
    .array(ZApiSourceDocument)
    .meta({ description: "The texts the agreement comes from or is reported in, oldest first" }),
  meta: z.object({ total: Count, ...Paging }).meta({
    description: "The agreement's live commitments and milestones (total) and the page of them in commitmentList",
  }),
  links: z.object({
    self: z.string(),
    next: z.string().nullable(),
    prev: z.string().nullable(),
    commitments: z.string().meta({ description: "The commitments list filtered to this agreement" }),
  }),
});

export const ZApiCommitmentPage = z.object({
  data: z.array(ZApiCommitment),
  meta: z.object({ total: Count, ...Paging, asOf: Date.nullable() }),
  links: z.object({ self: z.string(), next: z.string().nullable(), prev: z.string().nullable(), csv: z.string() }),
});

export const ZApiAgreementList = z.object({
  data: z.array(ZApiAgreementSummary),
  meta: z.object({ total: z.int(), ...Paging }),
  links: z.object({ self: z.string(), next: z.string().nullable(), prev: z.string().nullable() }),
});

/** The query parameters of /api/v1/agreements (as on the /agreements page). */
export const AGREEMENT_LIST_PARAMETERS = [
  ["q", "Words in the title or summary", { type: "string" }],
  ["party", "Party code, such as KR", { type: "string" }],
  ["kind", "Kind, exactly (case-insensitive)", { type: "string" }],
  ["year", "Year signed, four digits", { type: "string", pattern: "^[0-9]{4}$" }],
  [
    "sort",
    "active (latest status update first, the default), signed (newest first) or title",
    { type: "string", enum: ["active", "signed", "title"] },
  ],
  [
    "page",
    "Page number from 1; 25 a page. Past the last page the last page is served, with meta.pastLastPage true",
    { type: "string", pattern: "^[1-9][0-9]*$" },
  ],
] as const;

export const ZApiError = z.object({
  error: z.object({
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Problems per query parameter" }),
  }),
});

export const LIST_PARAMETERS = [
  ["agreement", "Agreement slug", { type: "string" }],
  ["status", "Status", { type: "string", enum: [...STATUS_VALUES] }],
  ["theme", "Theme (case-insensitive)", { type: "string" }],
  ["party", "Party code that owes it, such as KR", { type: "string" }],
  ["owner", "Owner, exactly (case-insensitive)", { type: "string" }],
  ["strength", "Strength", { type: "string", enum: [...STRENGTHS] }],
  ["overdue", "1: only overdue; 0: only not overdue", { type: "string", enum: ["1", "0"] }],
  ["level", "commitment or milestone", { type: "string", enum: [...LEVELS] }],
  ["q", "Words to find in titles, descriptions, quotes, notes and evidence titles", { type: "string" }],
  ["sort", "Order", { type: "string", enum: [...SORTS], default: "agreement" }],
  [
    "page",
    "Page number from 1. Past the last page the last page is served, with meta.pastLastPage true",
    { type: "integer", minimum: 1 },
  ],
  ["asOf", "Statuses as they stood on this date (YYYY-MM-DD)", { type: "string", format: "date" }],
] as const;
