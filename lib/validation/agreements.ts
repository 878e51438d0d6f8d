/**
 * Input of the admin's agreement and commitment verbs (issue 3). Forms send text; these schemas
 * turn it into typed values and name the field of every problem.
 */
import { z } from "zod";

import { isCalendarDate } from "../calendar-date";
import { endOfPeriod, TARGET_PRECISIONS } from "../target-date";
import { ZOptionalDate, zId, zText } from "./fields";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PARTY_CODE = /^[A-Z][A-Z0-9]{1,9}$/;

/** A list of party codes from checkboxes (repeated field) or a comma-separated string. */
const ZPartyCodes = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => {
    const list = Array.isArray(v) ? v : (v ?? "").split(",");
    return [...new Set(list.map((c) => c.trim().toUpperCase()).filter(Boolean))];
  })
  .pipe(
    z.array(z.string().regex(PARTY_CODE, { message: "Party codes are 2–10 capital letters or digits, such as KR" })),
  );

const ZOptionalUrl = z
  .string()
  .trim()
  .max(2000, { message: "At most 2000 characters" })
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    try {
      const url = new URL(v);
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch {
      // fall through
    }
    ctx.addIssue({ code: "custom", message: "Use a web address starting with http:// or https://" });
    return z.NEVER;
  });

export const ZAgreementFields = z.object({
  slug: z
    .string({ error: "The address name is required" })
    .trim()
    .min(3, { message: "At least 3 characters" })
    .max(80, { message: "At most 80 characters" })
    .regex(SLUG, { message: "Use lower-case letters, digits and single hyphens, such as kr-my-2024" }),
  title: zText(300, { required: true, label: "The title" }),
  kind: zText(80, { required: true, label: "The kind" }),
  signedOn: ZOptionalDate,
  place: zText(200),
  summary: zText(5000),
  sourceUrl: ZOptionalUrl,
  parties: ZPartyCodes,
  newPartyCode: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((v) => v || null)
    .pipe(
      z
        .string()
        .regex(PARTY_CODE, { message: "Party codes are 2–10 capital letters or digits, such as KR" })
        .nullable(),
    ),
  newPartyName: zText(120).optional(),
  /**
   * Further parties to add with their names, all at once (the import command line creates an
   * agreement between parties the database may not hold yet); the form sends one new party above.
   */
  newParties: z
    .array(
      z.object({
        code: z
          .string()
          .trim()
          .toUpperCase()
          .regex(PARTY_CODE, { message: "Party codes are 2–10 capital letters or digits, such as KR" }),
        name: zText(120, { required: true, label: "The party's name" }),
      }),
    )
    .max(20, { message: "At most 20 new parties at once" })
    .optional()
    .transform((v) => v ?? []),
});

/** At least one party: a ticked one or the new one. */
const needsParty = (v: { parties: string[]; newPartyCode: string | null; newParties: unknown[] }) =>
  v.parties.length > 0 || v.newPartyCode !== null || v.newParties.length > 0;
const PARTY_NEEDED = { message: "Choose at least one party, or add one", path: ["parties"] };

export const ZCreateAgreement = ZAgreementFields.refine(needsParty, PARTY_NEEDED);
export const ZUpdateAgreement = ZAgreementFields.extend({
  agreementId: zId("agreement"),
  /** the `updated_at` the form was opened on (the agreement's version) */
  updatedAt: z.string().min(1, { message: "The form is out of date; reload the page" }),
}).refine(needsParty, PARTY_NEEDED);
export const ZAgreementRef = z.object({ agreementId: zId("agreement") });

export type TAgreementFields = z.infer<typeof ZAgreementFields>;

/**
 * What a paragraph number looks like in joint statements, MoUs and treaties: "12", "12(a)", "3.2",
 * "6.1", "II.3", "Annex I", "Art. 4", "§ 5": letters (any script) and digits, with spaces and
 * `. ( ) - – /` between them, starting with a letter, a digit, § or "(" ("(a)"). Quotes, `<`, `>`, `&`, `=` and
 * every other sign are refused, so a number never carries markup.
 */
export const REF_PATTERN = /^[\p{L}\p{N}§(](?:[\p{L}\p{N} .()\-–/]*[\p{L}\p{N}).])?$/u;

const ZRef = zText(20, { required: true, label: "The number (ref)" }).refine((v) => v === "" || REF_PATTERN.test(v), {
  message: "The number (ref) may hold letters, digits, spaces and . ( ) - / only, such as 12, 12(a), 3.2 or Annex I",
});

const ZTargetPrecision = z
  .union([z.enum(TARGET_PRECISIONS, { error: "Choose day, month, quarter or year" }), z.literal("")])
  .optional()
  .transform((v) => v || null);

export const ZCommitmentFields = z
  .object({
    parentId: z
      .union([z.literal(""), zId("parent commitment")])
      .optional()
      .transform((v) => (v === "" || v === undefined ? null : v)),
    ref: ZRef,
    title: zText(300, { required: true, label: "The title" }),
    description: zText(5000),
    quote: zText(5000),
    theme: zText(80, { required: true, label: "The theme" }),
    strength: z
      .union([
        z.enum(["binding", "intent", "exploratory"], { error: "Choose binding, intent or exploratory" }),
        z.literal(""),
      ])
      .optional()
      .transform((v) => v || null),
    owner: zText(300),
    parties: ZPartyCodes,
    targetDate: ZOptionalDate.optional().transform((v) => v ?? null),
    targetPrecision: ZTargetPrecision,
    targetPhrase: zText(200),
  })
  .transform((v, ctx) => {
    if (v.targetDate && !v.targetPrecision) {
      ctx.addIssue({
        code: "custom",
        path: ["targetPrecision"],
        message:
          "Target date precision: choose day, month, quarter or year for the target date you entered, or clear the date",
      });
      return z.NEVER;
    }
    const targetDate =
      v.targetDate && v.targetPrecision && isCalendarDate(v.targetDate)
        ? endOfPeriod(v.targetDate, v.targetPrecision)
        : null;
    return { ...v, targetDate, targetPrecision: targetDate ? v.targetPrecision : null };
  });

export const ZCreateCommitment = z.intersection(z.object({ agreementId: zId("agreement") }), ZCommitmentFields);
export const ZUpdateCommitment = z.intersection(
  z.object({ commitmentId: zId("commitment"), version: zId("version") }),
  ZCommitmentFields,
);
export const ZCommitmentRef = z.object({ commitmentId: zId("commitment"), version: zId("version") });

export type TCommitmentFields = z.infer<typeof ZCommitmentFields>;

/**
 * Parse an agreement form so that the party rule is reported together with every other field error
 * (zod runs an object's refinements only once its fields parse).
 */
export function parseAgreementForm<S extends z.ZodType>(schema: S, raw: unknown): z.ZodSafeParseResult<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return result;
  const input = (raw ?? {}) as { parties?: unknown; newPartyCode?: unknown; newParties?: unknown };
  const ticked = Array.isArray(input.parties)
    ? input.parties.length > 0
    : typeof input.parties === "string" && input.parties.trim() !== "";
  const added =
    (typeof input.newPartyCode === "string" && input.newPartyCode.trim() !== "") ||
    (Array.isArray(input.newParties) && input.newParties.length > 0);
  if (!ticked && !added && !result.error.issues.some((i) => i.path[0] === "parties")) {
    result.error.issues.push({ code: "custom", path: ["parties"], message: PARTY_NEEDED.message, input: raw });
  }
  return result;
}
