"use client";

import { Field } from "@/components/field";
import { SubmitButton } from "@/components/submit-button";
import { SITE_UPDATED_MESSAGE, useFormAction } from "@/components/use-form-action";

import { signInAction } from "./actions";
import type { SignInState } from "./state";

export function SignInForm({ redirectTo }: { redirectTo: string }) {
  const [state, action] = useFormAction<SignInState>(signInAction, { error: null, email: "" }, (_prev, formData) => ({
    error: SITE_UPDATED_MESSAGE,
    email: String(formData.get("email") ?? ""),
  }));
  return (
    <form action={action} className="form" noValidate>
      {state.error ? (
        <p className="banner banner--error" role="status" data-testid="signin-error">
          {state.error}
        </p>
      ) : null}
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Field id="email" label="Email">
        {(control) => (
          <input
            {...control}
            type="email"
            name="email"
            autoComplete="username"
            required
            defaultValue={state.email}
            key={state.email}
          />
        )}
      </Field>
      <Field id="password" label="Password">
        {(control) => <input {...control} type="password" name="password" autoComplete="current-password" required />}
      </Field>
      <div>
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </div>
    </form>
  );
}
