"use client";

import { useActionState } from "react";

import { Field } from "@/components/field";
import { SubmitButton } from "@/components/submit-button";

import { signInAction } from "./actions";
import type { SignInState } from "./state";

export function SignInForm({ redirectTo }: { redirectTo: string }) {
  const [state, action] = useActionState<SignInState, FormData>(signInAction, { error: null, email: "" });
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
