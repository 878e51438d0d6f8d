"use client";

import { INITIAL_FORM_STATE, type FormState, str } from "@/components/form-state";
import { Field } from "@/components/field";
import { SubmitButton } from "@/components/submit-button";
import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS } from "@/lib/evidence";

import { addEvidenceAction, removeEvidenceAction, restoreEvidenceAction } from "./actions";
import { FormErrorBanner } from "@/components/form-error-banner";
import { useFormAction } from "@/components/use-form-action";

/** Add one evidence link, not tied to a status update. */
export function AddEvidenceForm(props: { commitmentId: number; version: number; submissionId: string }) {
  const [state, action] = useFormAction(addEvidenceAction, INITIAL_FORM_STATE);
  const v = state.values;
  const errors = state.error?.fieldErrors ?? {};
  return (
    <form action={action} className="form" noValidate key={state.attempt} data-testid="add-evidence-form">
      <FormErrorBanner error={state.error} />
      <input type="hidden" name="commitmentId" value={props.commitmentId} />
      <input type="hidden" name="version" value={props.version} />
      <input type="hidden" name="submissionId" value={props.submissionId} />
      <Field id="add-title" label="Title" errors={errors.title}>
        {(c) => <input {...c} type="text" name="title" defaultValue={str(v.title)} />}
      </Field>
      <Field id="add-url" label="Web address" hint="http:// or https:// only." errors={errors.url}>
        {(c) => <input {...c} type="url" name="url" defaultValue={str(v.url)} placeholder="https://" />}
      </Field>
      <Field id="add-publisher" label="Publisher" errors={errors.publisher}>
        {(c) => <input {...c} type="text" name="publisher" defaultValue={str(v.publisher)} />}
      </Field>
      <Field id="add-publishedOn" label="Published on" errors={errors.publishedOn}>
        {(c) => <input {...c} type="date" name="publishedOn" defaultValue={str(v.publishedOn)} />}
      </Field>
      <Field id="add-kind" label="Kind" errors={errors.kind}>
        {(c) => (
          <select {...c} name="kind" defaultValue={str(v.kind, "media")}>
            {EVIDENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {EVIDENCE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div>
        <SubmitButton pendingLabel="Adding…" variant="secondary">
          Add evidence link
        </SubmitButton>
      </div>
    </form>
  );
}

interface LinkButtonProps {
  commitmentId: number;
  version: number;
  evidenceId: number;
  title: string;
}

/** One button acting on one evidence link: its action, label and look. */
function EvidenceLinkButton(
  props: LinkButtonProps & {
    action: (prev: FormState, formData: FormData) => Promise<FormState>;
    label: string;
    pendingLabel: string;
    variant: "danger" | "secondary";
  },
) {
  const [state, action] = useFormAction(props.action, INITIAL_FORM_STATE);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="commitmentId" value={props.commitmentId} />
      <input type="hidden" name="version" value={props.version} />
      <input type="hidden" name="evidenceId" value={props.evidenceId} />
      <SubmitButton pendingLabel={props.pendingLabel} variant={props.variant}>
        {props.label}
        <span className="visually-hidden"> “{props.title}”</span>
      </SubmitButton>
      <FormErrorBanner error={state.error} />
    </form>
  );
}

/** A "Remove" button for one evidence link. */
export function RemoveEvidenceForm(props: LinkButtonProps) {
  return (
    <EvidenceLinkButton
      {...props}
      action={removeEvidenceAction}
      label="Remove"
      pendingLabel="Removing…"
      variant="danger"
    />
  );
}

/** A "Restore" button for one removed evidence link (admins). */
export function RestoreEvidenceForm(props: LinkButtonProps) {
  return (
    <EvidenceLinkButton
      {...props}
      action={restoreEvidenceAction}
      label="Restore"
      pendingLabel="Restoring…"
      variant="secondary"
    />
  );
}
