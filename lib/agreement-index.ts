/**
 * The `/agreements` index (issue 9, item 2): its query parameters, sorts and paging, as pure
 * functions. The rows and counts come from SQL (db/queries/agreement-index.ts); this module says
 * what a parameter may be and how the URL of a page is written, with the conventions of the
 * commitment list (lib/commitment-list.ts): bad parameters are named and left out, the page resets
 * when a filter changes, defaults are left out of the URL.
 */
import { z } from "zod";

/** Agreements a page of the index. */
export const AGREEMENT_PAGE_SIZE = 25;
/** `active`: latest status update first (the default); `signed`: newest signing date first; `title`: A–Z. */
export const AGREEMENT_SORTS = ["active", "signed", "title"] as const;
export type AgreementSort = (typeof AGREEMENT_SORTS)[number];

/** C0 and C1 control characters: no parameter has a use for them. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** Optional free text of at most `max` characters, without control characters; "" means none. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters` })
    .refine((v) => !CONTROL.test(v), { message: "Use text without control characters (such as NUL)", abort: true })
    .optional()
    .transform((v) => v || undefined);

/** `page`: a whole number from 1 (at most six digits), 1 when absent. */
export const pageParam = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/, { message: "Use a page number from 1" })
  .optional()
  .transform((v) => (v ? Number(v) : 1));

/** The index's query parameters; every message names what is expected. */
export const agreementQuerySchema = z.object({
  q: optionalText(200).refine((v) => v === undefined || /[\p{L}\p{N}]/u.test(v), {
    message: "Search for words: use at least one letter or digit",
  }),
  party: optionalText(10).transform((v) => v?.toUpperCase()),
  kind: optionalText(80),
  year: z
    .string()
    .regex(/^(1[89]|2[0-9])[0-9]{2}$/, { message: "Use a year of four digits, such as 2024" })
    .optional(),
  sort: z.enum(AGREEMENT_SORTS, { error: `Use one of: ${AGREEMENT_SORTS.join(", ")}` }).default("active"),
  page: pageParam,
});

export type AgreementQuery = z.infer<typeof agreementQuerySchema>;

export interface ParamError {
  field: string;
  message: string;
}

/**
 * Parse raw parameters with `schema`: the valid ones as the query, and a message for each bad one
 * (which is left out, so the other filters still apply).
 */
export function parseListQuery<T extends z.ZodType>(
  schema: T,
  raw: Record<string, string>,
): { query: z.infer<T>; errors: ParamError[] } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { query: parsed.data, errors: [] };
  const errors = parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([k]) => !errors.some((e) => e.field === k)));
  return { query: schema.parse(cleaned), errors };
}

/**
 * The query string for `query` with `changes` applied: undefined removes a key, the page resets to
 * 1 unless `changes` sets it, and a value equal to its default (`defaults`) is left out.
 */
export function listHref(
  path: string,
  query: Partial<Record<string, string | number | undefined>>,
  changes: Record<string, string | number | undefined> = {},
  defaults: Record<string, string | number> = {},
): string {
  const merged = { ...query, page: undefined, ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === "" || (key === "page" && value === 1) || defaults[key] === value) continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** Pages for `total` rows of `pageSize` (at least 1), and the page shown for the one asked for. */
export function pageOf(total: number, asked: number, pageSize: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return { page: Math.min(Math.max(1, asked), pages), pages };
}

/** `text` for a SQL `LIKE … ESCAPE '\'` that matches it anywhere: `%`, `_` and `\` match themselves. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
