"use client";

import { FormErrorBanner } from "@/components/form-error-banner";
import { INITIAL_FORM_STATE, str } from "@/components/form-state";
import { Field } from "@/components/field";
import { SubmitButton } from "@/components/submit-button";
import { DeleteOrRestoreButtons } from "@/components/confirm-step";
import { useFormAction } from "@/components/use-form-action";

import { createAgreementAction, deleteOrRestoreAgreementAction, updateAgreementAction } from "./actions";

export interface AgreementFormValues {
  agreementId?: number;
  updatedAt?: string;
  slug: string;
  title: string;
  kind: string;
  signedOn: string;
  place: string;
  summary: string;
  sourceUrl: string;
  parties: string[];
}

/** Create or edit an agreement: facts, summary, source and parties. */
export function AgreementForm({
  initial,
  allParties,
}: {
  initial: AgreementFormValues;
  allParties: { code: string; name: string }[];
}) {
  const editing = initial.agreementId !== undefined;
  const [state, action] = useFormAction(editing ? updateAgreementAction : createAgreementAction, INITIAL_FORM_STATE);
  const v = state.values;
  const e = state.error?.fieldErrors ?? {};
  const chosen = Array.isArray(v.parties) ? (v.parties as string[]) : initial.parties;
  return (
    <form action={action} className="form" noValidate key={state.attempt} data-testid="agreement-form">
      <FormErrorBanner error={state.error} />
      {editing ? (
        <>
          <input type="hidden" name="agreementId" value={initial.agreementId} />
          <input type="hidden" name="updatedAt" value={initial.updatedAt} />
        </>
      ) : null}
      <Field id="title" label="Title" errors={e.title}>
        {(c) => <input {...c} type="text" name="title" defaultValue={str(v.title, initial.title)} />}
      </Field>
      <Field
        id="slug"
        label="Address name"
        hint="Used in the page address /agreements/…: lower-case letters, digits and hyphens."
        errors={e.slug}
      >
        {(c) => <input {...c} type="text" name="slug" defaultValue={str(v.slug, initial.slug)} />}
      </Field>
      <Field id="kind" label="Kind" hint="Joint statement, MoU, FTA, treaty, declaration…" errors={e.kind}>
        {(c) => <input {...c} type="text" name="kind" defaultValue={str(v.kind, initial.kind)} />}
      </Field>
      <Field id="signedOn" label="Signed or announced on" errors={e.signedOn}>
        {(c) => <input {...c} type="date" name="signedOn" defaultValue={str(v.signedOn, initial.signedOn)} />}
      </Field>
      <Field id="place" label="Place" errors={e.place}>
        {(c) => <input {...c} type="text" name="place" defaultValue={str(v.place, initial.place)} />}
      </Field>
      <Field id="summary" label="Summary" errors={e.summary}>
        {(c) => <textarea {...c} name="summary" defaultValue={str(v.summary, initial.summary)} />}
      </Field>
      <Field id="sourceUrl" label="Source of the text" hint="A web address (http or https)." errors={e.sourceUrl}>
        {(c) => <input {...c} type="url" name="sourceUrl" defaultValue={str(v.sourceUrl, initial.sourceUrl)} />}
      </Field>
      <fieldset className="fieldset" aria-describedby={e.parties ? "parties-error" : undefined}>
        <legend>Parties</legend>
        {e.parties ? (
          <ul id="parties-error" className="field__errors" data-testid="error-parties">
            {e.parties.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        {allParties.map((p) => (
          <label key={p.code} className="checkbox">
            <input type="checkbox" name="parties" value={p.code} defaultChecked={chosen.includes(p.code)} /> {p.name} (
            {p.code})
          </label>
        ))}
        <Field
          id="newPartyCode"
          label="Add a party: code"
          hint="ISO 3166-1 alpha-2 (ID for Indonesia) or a short code for an organisation."
          errors={e.newPartyCode}
        >
          {(c) => <input {...c} type="text" name="newPartyCode" defaultValue={str(v.newPartyCode, "")} />}
        </Field>
        <Field id="newPartyName" label="Add a party: name" errors={e.newPartyName}>
          {(c) => <input {...c} type="text" name="newPartyName" defaultValue={str(v.newPartyName, "")} />}
        </Field>
      </fieldset>
      <div>
        <SubmitButton pendingLabel="Saving…">{editing ? "Save agreement" : "Create agreement"}</SubmitButton>
      </div>
    </form>
  );
}

/** Delete (soft) or restore an agreement. */
export function DeleteAgreementForm({ agreementId, deleted }: { agreementId: number; deleted: boolean }) {
  const [state, action] = useFormAction(deleteOrRestoreAgreementAction, INITIAL_FORM_STATE);
  return (
    <form action={action}>
      <FormErrorBanner error={state.error} />
      <input type="hidden" name="agreementId" value={agreementId} />
      <input type="hidden" name="intent" value={deleted ? "restore" : "delete"} />
      <DeleteOrRestoreButtons
        noun="agreement"
        deleted={deleted}
        explanation="It and all its commitments leave the public pages, the API, the exports and the feeds. Their history is kept, and you can restore it from this page."
      />
    </form>
  );
}
