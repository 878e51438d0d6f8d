/**
 * The deadline rules D1–D17, D21 and D22 as patterns (lib/import/deadlines.ts documents them and applies
 * the choice rules D18–D20 and the "no phrase" rule D0), gathered from their families: named years,
 * months and days (deadline-rules-calendar.ts), parts of a year and spans (deadline-rules-spans.ts)
 * and Korean phrases (deadline-rules-ko.ts). Each rule is a global regular expression and a function
 * that turns one match into a target against the document's date, or drops it (null).
 */
import type { Rule } from "./deadline-rule-kit";
import { D1, D4, D5a, D5b, D6, D7, D9, D22 } from "./deadline-rules-calendar";
import { D21 } from "./deadline-rules-ko";
import { D10a, D10b, D10c, D11a, D11b, D11c, D12, D14, D15, D16, D17 } from "./deadline-rules-spans";

export type { Hit, Rule } from "./deadline-rule-kit";

/** The rules in the order ties between equally placed phrases are broken. */
export const DEADLINE_RULES: readonly Rule[] = [
  D9,
  D1,
  D14,
  D16,
  D10a,
  D10b,
  D10c,
  D11a,
  D11b,
  D11c,
  D7,
  D4,
  D5a,
  D5b,
  D6,
  D12,
  D15,
  D17,
  D21,
  D22,
];
