"use client";

import { INITIAL_FORM_STATE, str } from "@/components/form-state";
import { FormErrorBanner } from "@/components/form-error-banner";
import { Field } from "@/components/field";
import { SubmitButton } from "@/components/submit-button";
import { useFormAction } from "@/components/use-form-action";
import type { UserRole } from "@/lib/roles";

import { createUserAction, updateUserAction } from "./actions";

/** Create a user: email, name, role and a first password (at least 12 characters). */
export function CreateUserForm() {
  const [state, action] = useFormAction(createUserAction, INITIAL_FORM_STATE);
  const v = state.values;
  const e = state.error?.fieldErrors ?? {};
  return (
    <form action={action} className="form" noValidate key={state.attempt} data-testid="create-user-form">
      <FormErrorBanner error={state.error} />
      <Field id="new-email" label="Email" errors={e.email}>
        {(c) => <input {...c} type="email" name="email" autoComplete="off" defaultValue={str(v.email)} />}
      </Field>
      <Field id="new-name" label="Name" errors={e.name}>
        {(c) => <input {...c} type="text" name="name" defaultValue={str(v.name)} />}
      </Field>
      <Field id="new-role" label="Role" errors={e.role}>
        {(c) => (
          <select {...c} name="role" defaultValue={str(v.role, "editor")}>
            <option value="editor">Editor (posts status updates and evidence)</option>
            <option value="admin">Admin (everything)</option>
          </select>
        )}
      </Field>
      <Field
        id="new-password"
        label="First password"
        hint="At least 12 characters. Give it to the person privately."
        errors={e.password}
      >
        {(c) => <input {...c} type="password" name="password" autoComplete="new-password" />}
      </Field>
      <div>
        <SubmitButton pendingLabel="Creating…">Create user</SubmitButton>
      </div>
    </form>
  );
}

/**
 * The per-user controls: role, disable/enable, new password. On your own account (`self`) no
 * Disable is offered (db/mutations/users.ts `disableUser` refuses it too).
 */
export function UserControls(props: {
  userId: number;
  email: string;
  role: UserRole;
  disabled: boolean;
  self: boolean;
}) {
  const [state, action] = useFormAction(updateUserAction, INITIAL_FORM_STATE);
  const e = state.error?.fieldErrors ?? {};
  const id = `user-${props.userId}`;
  return (
    <div className="user-controls" data-testid={`user-controls-${props.email}`}>
      <FormErrorBanner error={state.error} />
      <form action={action} className="inline-form">
        <input type="hidden" name="userId" value={props.userId} />
        <input type="hidden" name="intent" value="role" />
        <label htmlFor={`${id}-role`}>Role </label>
        <select id={`${id}-role`} name="role" defaultValue={props.role}>
          <option value="editor">editor</option>
          <option value="admin">admin</option>
        </select>{" "}
        <SubmitButton pendingLabel="Saving…" variant="secondary">
          Set role<span className="visually-hidden"> of {props.email}</span>
        </SubmitButton>
      </form>{" "}
      {props.self ? null : (
        <form action={action} className="inline-form">
          <input type="hidden" name="userId" value={props.userId} />
          <input type="hidden" name="intent" value={props.disabled ? "enable" : "disable"} />
          <SubmitButton pendingLabel="Saving…" variant={props.disabled ? "secondary" : "danger"}>
            {props.disabled ? "Enable" : "Disable"}
            <span className="visually-hidden"> {props.email}</span>
          </SubmitButton>
        </form>
      )}
      <form action={action} className="inline-form reset-password" noValidate key={state.attempt}>
        <input type="hidden" name="userId" value={props.userId} />
        <input type="hidden" name="intent" value="password" />
        <Field id={`${id}-password`} label={`New password for ${props.email}`} errors={e.password}>
          {(c) => <input {...c} type="password" name="password" autoComplete="new-password" />}
        </Field>
        <SubmitButton pendingLabel="Saving…" variant="secondary">
          Reset password<span className="visually-hidden"> of {props.email}</span>
        </SubmitButton>
      </form>
    </div>
  );
}
