"use client";
/**
 * `useActionState` for the site's forms, with one addition: a form sent from a page of an older
 * build. After a redeploy its server-action id is unknown to the server, which answers 409 with
 * Next's `x-nextjs-action-not-found` marker, and Next's client throws an `UnrecognizedActionError`
 * (nextjs.org/docs/messages/failed-to-find-server-action). Unhandled, that error would replace the
 * form with the error page and lose what was typed. Here it becomes a state of the form's own: the
 * message {@link SITE_UPDATED_MESSAGE}, with the values sent put back in the fields. The form still
 * works without JavaScript, as a server action's form does (`asFormAction`).
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

/** The parts of a server reference React uses to render a form that works before JavaScript runs. */
interface FormActionReference {
  $$FORM_ACTION?: (...args: unknown[]) => unknown;
  $$IS_SIGNATURE_EQUAL?: (...args: unknown[]) => unknown;
  bind(thisArg: unknown, ...args: unknown[]): FormActionReference;
}

/**
 * `wrapper`, made to render like the server action `action` in a page's HTML: React's server
 * renderer writes a form's hidden `$ACTION_ID` fields (progressive enhancement: the form works
 * without JavaScript) only for a function carrying `$$FORM_ACTION`, and binds the action to the
 * form's state first (react-dom/server `useActionState`). So those parts, and `bind`, are taken
 * from `action`, each called on `action` itself as React's encoder requires; calling `wrapper`
 * still runs `wrapper`.
 */
function asFormAction<F extends (...args: never[]) => unknown>(wrapper: F, action: unknown): F {
  const reference = action as FormActionReference;
  if (typeof reference?.$$FORM_ACTION !== "function") return wrapper;
  Object.defineProperties(wrapper, {
    $$FORM_ACTION: { value: reference.$$FORM_ACTION.bind(reference) },
    $$IS_SIGNATURE_EQUAL: { value: reference.$$IS_SIGNATURE_EQUAL?.bind(reference) },
    bind: {
      value: (thisArg: unknown, ...args: unknown[]) =>
        asFormAction(Function.prototype.bind.call(wrapper, thisArg, ...args) as F, reference.bind(thisArg, ...args)),
    },
  });
  return wrapper;
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
  const guarded = async (prev: Awaited<S>, formData: FormData): Promise<Awaited<S>> => {
    try {
      return await action(prev, formData);
    } catch (error) {
      if (!unstable_isUnrecognizedActionError(error)) throw error;
      return onSiteUpdated(prev, formData) as Awaited<S>;
    }
  };
  return useActionState(asFormAction(guarded, action), initial as Awaited<S>);
}
