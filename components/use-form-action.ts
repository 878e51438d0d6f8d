"use client";
/**
 * `useActionState` for the site's forms, with one addition: a form sent from a page of an older
 * build. After a redeploy its server-action id is unknown to the server, which answers 409 with
 * Next's `x-nextjs-action-not-found` marker, and Next's client throws an `UnrecognizedActionError`
 * (nextjs.org/docs/messages/failed-to-find-server-action). Unhandled, that error would replace the
 * form with the error page and lose what was typed. Here it becomes a state of the form's own: the
 * message {@link SITE_UPDATED_MESSAGE}, with the values sent put back in the fields.
 */
import { unstable_isUnrecognizedActionError } from "next/navigation";
import { useActionState } from "react";

import type { FormState } from "./form-state";

/** What a form sent from a page of an older build says. */
export const SITE_UPDATED_MESSAGE =
  "The site was updated while this page was open, so the form was not sent. Reload the page and send it again " +
  "(what you typed is kept below: copy it first).";

/** The text fields of `formData` by name (the first value of each; files are left out). */
export function sentValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string" && !(name in values) && !name.startsWith("$ACTION")) values[name] = value;
  }
  return values;
}

/** The state of a staff or admin form sent from an older build: the message and the values sent. */
export function siteUpdatedState(prev: FormState, formData: FormData): FormState {
  const attempt = typeof prev?.attempt === "number" && Number.isSafeInteger(prev.attempt) ? prev.attempt : 0;
  return {
    attempt: attempt + 1,
    error: { kind: "site_updated", message: SITE_UPDATED_MESSAGE, fieldErrors: {} },
    values: { ...prev.values, ...sentValues(formData) },
  };
}

/**
 * `useActionState(action, initial)` that answers an unknown server action with
 * `onSiteUpdated(prev, formData)` (for staff and admin forms, {@link siteUpdatedState}); every
 * other error is thrown on as before.
 */
export function useFormAction<S = FormState>(
  action: (prev: S, formData: FormData) => Promise<S>,
  initial: S,
  onSiteUpdated: (prev: S, formData: FormData) => S = siteUpdatedState as unknown as (prev: S, fd: FormData) => S,
) {
  return useActionState(async (prev: Awaited<S>, formData: FormData): Promise<Awaited<S>> => {
    try {
      return await action(prev, formData);
    } catch (error) {
      if (!unstable_isUnrecognizedActionError(error)) throw error;
      return onSiteUpdated(prev, formData) as Awaited<S>;
    }
  }, initial as Awaited<S>);
}
