/**
 * Field schemas shared by the write forms. Every message names what is expected, and every length
 * limit is stated in its message. Text is stored as typed (trimmed) and always rendered escaped.
 */
import { z } from "zod";

import { type CalendarDate, isCalendarDate } from "../calendar-date";
import { EVIDENCE_KINDS, safeHttpUrl } from "../evidence";

/** C0 and C1 control characters other than tab, line feed and carriage return: never text. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Trimmed text of at most `max` characters, no control character but tab and line ends; `required` refuses the empty string. */
export function zText(max: number, { required = false, label = "This field" } = {}) {
  const base = z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { message: `At most ${max} characters` })
    .refine((v) => !CONTROL.test(v), {
      message: "Remove the control character (an invisible code such as NUL or ESC, often pasted by mistake)",
    });
  return required ? base.min(1, { message: `${label} is required` }) : base;
}

/** A whole number, from a number or a numeric string. */
export function zId(label = "id") {
  return z.union([z.number(), z.string().trim()]).transform((v, ctx) => {
    const n = typeof v === "number" ? v : /^[0-9]{1,15}$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) {
      ctx.addIssue({ code: "custom", message: `Not a valid ${label}` });
      return z.NEVER;
    }
    return n;
  });
}

const PROGRESS_MESSAGE = "Enter a whole number from 0 to 100";

/** Progress 0–100 as a whole number; an empty value means "not given" (`null`). */
export const ZProgress = z.union([z.number(), z.string().trim(), z.null()]).transform((v, ctx) => {
  if (v === null || v === "") return null;
  const n = typeof v === "number" ? v : /^[0-9]{1,3}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 100) {
    ctx.addIssue({ code: "custom", message: PROGRESS_MESSAGE });
    return z.NEVER;
  }
  return n;
});

/** A calendar date (`YYYY-MM-DD`) no later than `today`; one message per problem. */
export function zPastOrToday(today: CalendarDate, label = "The date") {
  return z.string({ error: `${label} is required` }).transform((raw, ctx) => {
    const v = raw.trim();
    const message = !v
      ? `${label} is required`
      : !isCalendarDate(v)
        ? "Enter a real date as YYYY-MM-DD"
        : v > today
          ? `${label} can't be in the future (today is ${today})`
          : null;
    if (message) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return v;
  });
}

/** An optional calendar date no later than `today`; empty means none (`null`). */
export function zOptionalPastDate(today: CalendarDate) {
  return z.union([z.string().trim(), z.null()]).transform((v, ctx) => {
    if (v === null || v === "") return null;
    if (!isCalendarDate(v)) {
      ctx.addIssue({ code: "custom", message: "Enter a real date as YYYY-MM-DD" });
      return z.NEVER;
    }
    if (v > today) {
      ctx.addIssue({ code: "custom", message: `Can't be in the future (today is ${today})` });
      return z.NEVER;
    }
    return v;
  });
}

/** An optional calendar date; empty means none (`null`). */
export const ZOptionalDate = z.union([z.string().trim(), z.null()]).transform((v, ctx) => {
  if (v === null || v === "") return null;
  if (!isCalendarDate(v)) {
    ctx.addIssue({ code: "custom", message: "Enter a real date as YYYY-MM-DD" });
    return z.NEVER;
  }
  return v;
});

/** An absolute http(s) URL, normalised; anything else (javascript:, data:, …) is refused. */
export const ZEvidenceUrl = z
  .string({ error: "The link is required" })
  .trim()
  .min(1, { message: "The link is required" })
  .max(2000, { message: "At most 2000 characters" })
  .transform((v, ctx) => {
    const safe = safeHttpUrl(v);
    if (!safe) {
      const credentials = /^https?:\/\/[^/?#]*@/i.test(v);
      ctx.addIssue({
        code: "custom",
        message: credentials
          ? "Remove the user name and password from the address"
          : "Use a web address starting with http:// or https://",
      });
      return z.NEVER;
    }
    return safe;
  });

/** One evidence link; its publication date may not be later than `today`. */
export function evidenceInputSchema(today: CalendarDate) {
  return z.object({
    title: zText(300, { required: true, label: "The title" }),
    url: ZEvidenceUrl,
    publisher: zText(200),
    publishedOn: zOptionalPastDate(today),
    kind: z.enum(EVIDENCE_KINDS, { error: "Choose one of: official, joint, media, document, other" }),
  });
}

export type TEvidenceInput = z.infer<ReturnType<typeof evidenceInputSchema>>;

/** A form submission id (a UUID made when the form was rendered). */
export const ZSubmissionId = z.uuid({ error: "The form is out of date; reload the page" });

/**
 * What a form sent again is recognised by before its other fields are checked: its submission id
 * and commitment (a double click's second send can carry a form React has already emptied).
 */
export const ZRepeatedForm = z.object({ submissionId: ZSubmissionId, commitmentId: zId("commitment") });
