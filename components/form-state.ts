/** State a staff form keeps between submissions: the refusal to show and the values to put back. */
import type { Refusal } from "@/lib/write-result";

export interface FormState {
  /** bumps on every answer, so the form remounts with the values sent back */
  attempt: number;
  error: null | { kind: Refusal["kind"]; message: string; fieldErrors: Record<string, string[]> };
  values: Record<string, unknown>;
}

export const INITIAL_FORM_STATE: FormState = { attempt: 0, error: null, values: {} };

/** The state for a refusal, keeping what was typed. */
export function refusedState(prev: FormState, refusal: Refusal, values: Record<string, unknown>): FormState {
  return {
    attempt: prev.attempt + 1,
    error: {
      kind: refusal.kind,
      message: refusal.message,
      fieldErrors: refusal.kind === "invalid" ? refusal.fieldErrors : {},
    },
    values,
  };
}

/** A value sent back in `values`, as the string a field shows (`fallback` when absent). */
export function str(v: unknown, fallback = ""): string {
  return typeof v === "string" ? v : fallback;
}
