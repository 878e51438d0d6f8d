"use client";

import { INITIAL_FORM_STATE, str } from "@/components/form-state";
import { Field } from "@/components/field";
import { SubmitButton } from "@/components/submit-button";
import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS } from "@/lib/evidence";
import { STATUS_VALUES, STATUSES, type Status } from "@/lib/status";

import { postStatusUpdateAction } from "./actions";

/** "Partly fulfilled, Fulfilled and Not fulfilled": the final statuses, from lib/status.ts. */
const FINAL_LABELS = STATUS_VALUES.filter((s) => STATUSES[s].final)
  .map((s) => STATUSES[s].label)
  .join(", ")
  .replace(/, ([^,]*)$/, " and $1");
import { FormErrorBanner } from "@/components/form-error-banner";
import { useFormAction } from "@/components/use-form-action";

const BLANK_ROWS = 2;

type EvidenceRow = Partial<Record<"title" | "url" | "publisher" | "publishedOn" | "kind", string>>;

/** The "post a status update" form; works without JavaScript (a plain POST to the server action). */
export function StatusUpdateForm(props: {
  commitmentId: number;
  version: number;
  submissionId: string;
  today: string;
  currentStatus: Status;
  currentProgress: number | null;
}) {
  const [state, action] = useFormAction(postStatusUpdateAction, INITIAL_FORM_STATE);
  const v = state.values;
  const errors = state.error?.fieldErrors ?? {};
  const sent = Array.isArray(v.evidence) ? (v.evidence as EvidenceRow[]) : [];
  const rows: EvidenceRow[] = [...sent, ...Array.from({ length: Math.max(1, BLANK_ROWS - sent.length) }, () => ({}))];

  return (
    <form
      action={action}
      className="form"
      noValidate
      key={state.attempt}
      data-attempt={state.attempt}
      data-testid="status-update-form"
      aria-labelledby="post-update-heading"
    >
      <FormErrorBanner error={state.error} />
      <input type="hidden" name="commitmentId" value={props.commitmentId} />
      <input type="hidden" name="version" value={props.version} />
      <input type="hidden" name="submissionId" value={props.submissionId} />

      <Field
        id="status"
        label="New status"
        hint={`${FINAL_LABELS} are final: the commitment leaves the deadlines list and is no longer counted as overdue.`}
        errors={errors.status}
      >
        {(c) => (
          <select {...c} name="status" defaultValue={str(v.status, props.currentStatus)}>
            {STATUS_VALUES.map((s) => (
              <option key={s} value={s}>
                {STATUSES[s].label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="progress"
        label="Progress (%)"
        hint={`A whole number from 0 to 100. Leave empty to keep the current value (${props.currentProgress === null ? "none" : `${props.currentProgress}%`}).`}
        errors={errors.progress}
      >
        {(c) => (
          <input
            {...c}
            type="text"
            inputMode="numeric"
            name="progress"
            defaultValue={str(v.progress)}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        id="happenedOn"
        label="Date it happened"
        hint="Today or earlier, as YYYY-MM-DD."
        errors={errors.happenedOn}
      >
        {(c) => (
          <input {...c} type="date" name="happenedOn" max={props.today} defaultValue={str(v.happenedOn, props.today)} />
        )}
      </Field>
      <Field
        id="note"
        label="Note"
        hint="What happened, in a sentence or two. At most 5000 characters."
        errors={errors.note}
      >
        {(c) => <textarea {...c} name="note" defaultValue={str(v.note)} />}
      </Field>

      <fieldset className="fieldset" aria-describedby={errors.evidence ? "evidence-error" : "evidence-hint"}>
        <legend>Evidence</legend>
        <p id="evidence-hint" className="field__hint">
          Links that support this update (http or https). Any status other than “Not yet assessed” needs at least one.
          Rows left empty are ignored.
        </p>
        {errors.evidence ? (
          <ul id="evidence-error" className="field__errors" data-testid="error-evidence">
            {errors.evidence.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
        {rows.map((row, i) => (
          <div className="evidence-row" key={i} role="group" aria-label={`Evidence link ${i + 1}`}>
            <Field id={`evidence.${i}.title`} label={`Title (link ${i + 1})`} errors={errors[`evidence.${i}.title`]}>
              {(c) => <input {...c} type="text" name={`evidence.${i}.title`} defaultValue={row.title ?? ""} />}
            </Field>
            <Field id={`evidence.${i}.url`} label={`Web address (link ${i + 1})`} errors={errors[`evidence.${i}.url`]}>
              {(c) => (
                <input
                  {...c}
                  type="url"
                  name={`evidence.${i}.url`}
                  defaultValue={row.url ?? ""}
                  placeholder="https://"
                />
              )}
            </Field>
            <Field
              id={`evidence.${i}.publisher`}
              label={`Publisher (link ${i + 1})`}
              errors={errors[`evidence.${i}.publisher`]}
            >
              {(c) => <input {...c} type="text" name={`evidence.${i}.publisher`} defaultValue={row.publisher ?? ""} />}
            </Field>
            <Field
              id={`evidence.${i}.publishedOn`}
              label={`Published on (link ${i + 1})`}
              errors={errors[`evidence.${i}.publishedOn`]}
            >
              {(c) => (
                <input {...c} type="date" name={`evidence.${i}.publishedOn`} defaultValue={row.publishedOn ?? ""} />
              )}
            </Field>
            <Field id={`evidence.${i}.kind`} label={`Kind (link ${i + 1})`} errors={errors[`evidence.${i}.kind`]}>
              {(c) => (
                <select {...c} name={`evidence.${i}.kind`} defaultValue={row.kind ?? "media"}>
                  {EVIDENCE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {EVIDENCE_KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        ))}
      </fieldset>
      <div>
        <SubmitButton pendingLabel="Posting…">Post status update</SubmitButton>
      </div>
    </form>
  );
}
