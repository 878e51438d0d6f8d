/** State a staff form keeps between submissions: the refusal to show and the values to put back. */
import type { Refusal } from "@/lib/write-result";

export interface FormState {
  /** bumps on every answer, so the form remounts with the values sent back */
  attempt: number;
  /** `site_updated`: sent from a page of an older build (components/use-form-action.ts) */
  error: null | { kind: Refusal["kind"] | "site_updated"; message: string; fieldErrors: Record<string, string[]> };
  values: Record<string, unknown>;
}

export const INITIAL_FORM_STATE: FormState = { attempt: 0, error: null, values: {} };

/**
 * The state for a refusal, keeping what was typed. `prev` comes from the client (a server action's
 * first argument), so anything but a number as its `attempt` counts as 0.
 */
export function refusedState(prev: FormState, refusal: Refusal, values: Record<string, unknown>): FormState {
  const attempt = typeof prev?.attempt === "number" && Number.isSafeInteger(prev.attempt) ? prev.attempt : 0;
  return {
    attempt: attempt + 1,
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
