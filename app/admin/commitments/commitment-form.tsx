"use client";

import { FormErrorBanner } from "@/components/form-error-banner";
import { INITIAL_FORM_STATE, str } from "@/components/form-state";
import { Field } from "@/components/field";
import { SubmitButton } from "@/components/submit-button";
import { DeleteOrRestoreButtons } from "@/components/confirm-step";
import { useFormAction } from "@/components/use-form-action";

import { createCommitmentAction, deleteOrRestoreCommitmentAction, updateCommitmentAction } from "./actions";

export interface CommitmentFormValues {
  agreementId: number;
  commitmentId?: number;
  version?: number;
  parentId: string;
  ref: string;
  title: string;
  description: string;
  quote: string;
  theme: string;
  strength: string;
  owner: string;
  parties: string[];
  targetDate: string;
  targetPrecision: string;
  targetPhrase: string;
}

/** Create or edit a commitment or milestone. */
export function CommitmentForm(props: {
  initial: CommitmentFormValues;
  parties: { code: string; name: string }[];
  /** the bounded choices (db/queries/parent-choices.ts); `moreParents`: the agreement has more */
  parents: { id: number; ref: string; title: string }[];
  moreParents: boolean;
  themes: string[];
}) {
  const { initial } = props;
  const editing = initial.commitmentId !== undefined;
  const [state, action] = useFormAction(editing ? updateCommitmentAction : createCommitmentAction, INITIAL_FORM_STATE);
  const v = state.values;
  const e = state.error?.fieldErrors ?? {};
  const chosen = Array.isArray(v.parties) ? (v.parties as string[]) : initial.parties;
  return (
    <form action={action} className="form" noValidate key={state.attempt} data-testid="commitment-form">
      <FormErrorBanner error={state.error} />
      {editing ? (
        <>
          <input type="hidden" name="commitmentId" value={initial.commitmentId} />
          <input type="hidden" name="version" value={initial.version} />
        </>
      ) : (
        <input type="hidden" name="agreementId" value={initial.agreementId} />
      )}
      <Field id="ref" label="Number" hint="The agreement's numbering or yours: 6, 6.1 …" errors={e.ref}>
        {(c) => <input {...c} type="text" name="ref" defaultValue={str(v.ref, initial.ref)} />}
      </Field>
      <Field id="title" label="Title" errors={e.title}>
        {(c) => <input {...c} type="text" name="title" defaultValue={str(v.title, initial.title)} />}
      </Field>
      <Field id="parentId" label="Milestone of" hint="Leave as “none” for a commitment of its own." errors={e.parentId}>
        {(c) => (
          <select {...c} name="parentId" defaultValue={str(v.parentId, initial.parentId)}>
            <option value="">None (a commitment of its own)</option>
            {props.parents.map((p) => (
              <option key={p.id} value={p.id}>
                {p.ref}. {p.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="parentIdTyped"
        label="Or the parent's id"
        hint={`${props.moreParents ? "The list shows the first 50 top-level commitments. " : ""}For any other commitment of this agreement, type its id (the number in its address, /commitments/…); it wins over the list.`}
      >
        {(c) => (
          <input
            {...c}
            type="text"
            inputMode="numeric"
            name="parentIdTyped"
            autoComplete="off"
            defaultValue={str(v.parentIdTyped, "")}
          />
        )}
      </Field>
      <Field id="description" label="Description" errors={e.description}>
        {(c) => <textarea {...c} name="description" defaultValue={str(v.description, initial.description)} />}
      </Field>
      <Field id="quote" label="Source quote" hint="The pledge's words in the agreement, verbatim." errors={e.quote}>
        {(c) => <textarea {...c} name="quote" defaultValue={str(v.quote, initial.quote)} />}
      </Field>
      <Field id="theme" label="Theme" errors={e.theme}>
        {(c) => <input {...c} type="text" name="theme" list="themes" defaultValue={str(v.theme, initial.theme)} />}
      </Field>
      <datalist id="themes">
        {props.themes.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <Field id="strength" label="Strength" errors={e.strength}>
        {(c) => (
          <select {...c} name="strength" defaultValue={str(v.strength, initial.strength)}>
            <option value="">Not classified</option>
            <option value="binding">Binding (“will”, “agreed to”)</option>
            <option value="intent">Intent (“aim to”, “plan to”)</option>
            <option value="exploratory">Exploratory (“explore”, “consider”)</option>
          </select>
        )}
      </Field>
      <Field
        id="owner"
        label="Owner"
        hint="The office that answers for delivery, per party where it differs."
        errors={e.owner}
      >
        {(c) => <input {...c} type="text" name="owner" defaultValue={str(v.owner, initial.owner)} />}
      </Field>
      <fieldset className="fieldset">
        <legend>Owed by</legend>
        {e.parties ? (
          <ul className="field__errors" data-testid="error-parties">
            {e.parties.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        {props.parties.map((p) => (
          <label key={p.code} className="checkbox">
            <input type="checkbox" name="parties" value={p.code} defaultChecked={chosen.includes(p.code)} /> {p.name} (
            {p.code})
          </label>
        ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Target</legend>
        <Field
          id="targetDate"
          label="Target date"
          hint="Any day in the period; it is stored as the period's last day."
          errors={e.targetDate}
        >
          {(c) => <input {...c} type="date" name="targetDate" defaultValue={str(v.targetDate, initial.targetDate)} />}
        </Field>
        <Field id="targetPrecision" label="Precision" errors={e.targetPrecision}>
          {(c) => (
            <select {...c} name="targetPrecision" defaultValue={str(v.targetPrecision, initial.targetPrecision)}>
              <option value="">No target</option>
              <option value="day">Day</option>
              <option value="month">Month</option>
              <option value="quarter">Quarter</option>
              <option value="year">Year</option>
            </select>
          )}
        </Field>
        <Field
          id="targetPhrase"
          label="As phrased in the text"
          hint="For example “by next year”."
          errors={e.targetPhrase}
        >
          {(c) => (
            <input {...c} type="text" name="targetPhrase" defaultValue={str(v.targetPhrase, initial.targetPhrase)} />
          )}
        </Field>
      </fieldset>
      <div>
        <SubmitButton pendingLabel="Saving…">{editing ? "Save commitment" : "Create commitment"}</SubmitButton>
      </div>
    </form>
  );
}

/** Delete (soft) or restore a commitment, against its version. */
export function DeleteCommitmentForm({
  commitmentId,
  version,
  deleted,
}: {
  commitmentId: number;
  version: number;
  deleted: boolean;
}) {
  const [state, action] = useFormAction(deleteOrRestoreCommitmentAction, INITIAL_FORM_STATE);
  return (
    <form action={action}>
      <FormErrorBanner error={state.error} />
      <input type="hidden" name="commitmentId" value={commitmentId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="intent" value={deleted ? "restore" : "delete"} />
      <DeleteOrRestoreButtons
        noun="commitment"
        deleted={deleted}
        explanation="It and its milestones leave the public pages, the API, the exports and the feeds. Its history is kept, and you can restore it from this page."
      />
    </form>
  );
}
