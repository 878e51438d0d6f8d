"use client";
/**
 * The review page's forms (issue 10): each a plain form with a server action, so it works without
 * JavaScript; with it, `useFormAction` keeps a refusal's message and the values typed. Every form
 * sends the list's `show` and `page` so the action returns to the same place.
 */
import { Field } from "@/components/field";
import { FormErrorBanner } from "@/components/form-error-banner";
import { INITIAL_FORM_STATE, str } from "@/components/form-state";
import { SubmitButton } from "@/components/submit-button";
import { useFormAction } from "@/components/use-form-action";

import {
  acceptUnflaggedAction,
  commitAction,
  decideAction,
  mergeAction,
  splitAction,
  updateCandidateAction,
} from "./actions";

/** Where the list was: sent back so the page returns there. */
export interface ListPlace {
  show: string;
  page: number;
}

function Place({ place }: { place: ListPlace }) {
  return (
    <>
      <input type="hidden" name="show" value={place.show} />
      <input type="hidden" name="page" value={place.page} />
    </>
  );
}

const Hidden = ({ children }: { children: string }) => <span className="visually-hidden">{children}</span>;

/** Accept / Reject / Undo for one candidate (`label`: "candidate 3", for screen readers). */
export function DecideForm(props: {
  runId: number;
  candidateId: number;
  /** the candidate's version as shown: a change since is refused */
  version: number;
  decision: string;
  label: string;
  place: ListPlace;
}) {
  const [state, action] = useFormAction(decideAction, INITIAL_FORM_STATE);
  const { decision, label } = props;
  return (
    <form action={action} className="inline-form candidate__decide" data-testid="decide-form">
      <FormErrorBanner error={state.error} />
      <input type="hidden" name="runId" value={props.runId} />
      <input type="hidden" name="candidateIds" value={props.candidateId} />
      <input type="hidden" name="version" value={props.version} />
      <Place place={props.place} />
      {decision !== "accepted" ? (
        <SubmitButton name="decision" value="accepted" pendingLabel="Accepting…">
          Accept<Hidden>{` ${label}`}</Hidden>
        </SubmitButton>
      ) : null}{" "}
      {decision !== "rejected" ? (
        <SubmitButton name="decision" value="rejected" variant="secondary" pendingLabel="Rejecting…">
          Reject<Hidden>{` ${label}`}</Hidden>
        </SubmitButton>
      ) : null}{" "}
      {decision !== "proposed" ? (
        <SubmitButton name="decision" value="proposed" variant="secondary" pendingLabel="Undoing…">
          Undecide<Hidden>{` ${label}`}</Hidden>
        </SubmitButton>
      ) : null}
    </form>
  );
}

export interface CandidateFormValues {
  candidateId: number;
  /** the candidate's version as shown: a change since is refused */
  version: number;
  ref: string;
  title: string;
  theme: string;
  strength: string;
  owner: string;
  parties: string[];
  targetDate: string;
  targetPrecision: string;
  targetPhrase: string;
}

/** Edit the commitment a candidate will become. */
export function EditCandidateForm(props: {
  initial: CandidateFormValues;
  parties: { code: string; name: string }[];
  place: ListPlace;
  /** "candidate 3", for screen readers */
  label: string;
}) {
  const { initial } = props;
  const [state, action] = useFormAction(updateCandidateAction, INITIAL_FORM_STATE);
  const v = state.values;
  const e = state.error?.fieldErrors ?? {};
  const p = `c${initial.candidateId}-`;
  const chosen = Array.isArray(v.parties) ? (v.parties as string[]) : initial.parties;
  return (
    <details className="candidate__more" open={state.error !== null}>
      <summary>
        Edit<Hidden>{` ${props.label}`}</Hidden>
      </summary>
      <form action={action} className="form" noValidate key={state.attempt} data-testid="edit-candidate-form">
        <FormErrorBanner error={state.error} />
        <input type="hidden" name="candidateId" value={initial.candidateId} />
        <input type="hidden" name="version" value={initial.version} />
        <Place place={props.place} />
        <Field id={`${p}title`} label="Title" errors={e.title}>
          {(c) => <input {...c} type="text" name="title" defaultValue={str(v.title, initial.title)} />}
        </Field>
        <Field id={`${p}ref`} label="Number" hint="The paragraph's number, or yours." errors={e.ref}>
          {(c) => <input {...c} type="text" name="ref" defaultValue={str(v.ref, initial.ref)} />}
        </Field>
        <Field id={`${p}theme`} label="Theme" errors={e.theme}>
          {(c) => (
            <input {...c} type="text" name="theme" list="import-themes" defaultValue={str(v.theme, initial.theme)} />
          )}
        </Field>
        <Field id={`${p}strength`} label="Strength" errors={e.strength}>
          {(c) => (
            <select {...c} name="strength" defaultValue={str(v.strength, initial.strength)}>
              <option value="">Not classified</option>
              <option value="binding">Binding (“will”, “agreed to”)</option>
              <option value="intent">Intent (“aim to”, “plan to”)</option>
              <option value="exploratory">Exploratory (“explore”, “consider”)</option>
            </select>
          )}
        </Field>
        <Field id={`${p}owner`} label="Owner" hint="The office that answers for delivery." errors={e.owner}>
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
          {props.parties.map((party) => (
            <label key={party.code} className="checkbox">
              <input type="checkbox" name="parties" value={party.code} defaultChecked={chosen.includes(party.code)} />{" "}
              {party.name} ({party.code})
            </label>
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>Target</legend>
          <Field
            id={`${p}targetDate`}
            label="Target date"
            hint="Any day in the period; it is stored as the period's last day."
            errors={e.targetDate}
          >
            {(c) => <input {...c} type="date" name="targetDate" defaultValue={str(v.targetDate, initial.targetDate)} />}
          </Field>
          <Field id={`${p}targetPrecision`} label="Precision" errors={e.targetPrecision}>
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
          <Field id={`${p}targetPhrase`} label="As phrased in the text" errors={e.targetPhrase}>
            {(c) => (
              <input {...c} type="text" name="targetPhrase" defaultValue={str(v.targetPhrase, initial.targetPhrase)} />
            )}
          </Field>
        </fieldset>
        <div>
          <SubmitButton pendingLabel="Saving…">Save candidate</SubmitButton>
        </div>
      </form>
    </details>
  );
}

/** Split a candidate at a listed boundary, or after the words of its first part. */
export function SplitForm(props: {
  candidateId: number;
  version: number;
  points: { at: number; before: string; after: string }[];
  place: ListPlace;
  label: string;
}) {
  const [state, action] = useFormAction(splitAction, INITIAL_FORM_STATE);
  const v = state.values;
  const e = state.error?.fieldErrors ?? {};
  const p = `c${props.candidateId}-`;
  return (
    <details className="candidate__more" open={state.error !== null}>
      <summary>
        Split<Hidden>{` ${props.label}`}</Hidden>
      </summary>
      <form action={action} className="form" noValidate key={state.attempt} data-testid="split-form">
        <FormErrorBanner error={state.error} />
        <input type="hidden" name="candidateId" value={props.candidateId} />
        <input type="hidden" name="version" value={props.version} />
        <Place place={props.place} />
        {props.points.length > 0 ? (
          <Field id={`${p}at`} label="Split after" errors={e.at}>
            {(c) => (
              <select {...c} name="at" defaultValue={str(v.at)}>
                <option value="">Choose a place…</option>
                {props.points.map((pt) => (
                  <option key={pt.at} value={pt.at}>
                    {pt.before} ‖ {pt.after}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field
          id={`${p}firstPart`}
          label={props.points.length > 0 ? "Or type the words of the first part" : "The words of the first part"}
          hint="From the quote's beginning; the rest becomes the second part."
          errors={e.firstPart}
        >
          {(c) => <textarea {...c} name="firstPart" rows={2} defaultValue={str(v.firstPart)} />}
        </Field>
        <div>
          <SubmitButton pendingLabel="Splitting…">Split in two</SubmitButton>
        </div>
      </form>
    </details>
  );
}

/** Merge a candidate with the next one in the text. */
export function MergeForm(props: {
  candidateId: number;
  version: number;
  withId: number;
  withVersion: number;
  label: string;
  place: ListPlace;
}) {
  const [state, action] = useFormAction(mergeAction, INITIAL_FORM_STATE);
  return (
    <form action={action} className="inline-form" data-testid="merge-form">
      <FormErrorBanner error={state.error} />
      <input type="hidden" name="candidateId" value={props.candidateId} />
      <input type="hidden" name="version" value={props.version} />
      <input type="hidden" name="withId" value={props.withId} />
      <input type="hidden" name="withVersion" value={props.withVersion} />
      <Place place={props.place} />
      <SubmitButton variant="secondary" pendingLabel="Merging…">
        Merge with the next<Hidden>{` (${props.label})`}</Hidden>
      </SubmitButton>
    </form>
  );
}

/** "Accept all not flagged (N)". */
export function AcceptUnflaggedForm(props: { runId: number; count: number; place: ListPlace }) {
  const [state, action] = useFormAction(acceptUnflaggedAction, INITIAL_FORM_STATE);
  return (
    <form action={action} className="inline-form" data-testid="accept-unflagged-form">
      <FormErrorBanner error={state.error} />
      <input type="hidden" name="runId" value={props.runId} />
      <Place place={props.place} />
      <SubmitButton variant="secondary" pendingLabel="Accepting…">
        Accept all not flagged ({props.count})
      </SubmitButton>
    </form>
  );
}

/**
 * Create the commitments of the accepted candidates (one transaction), at most `batch` of them a
 * time (the first in text order; the page offers the rest again).
 */
export function CommitForm(props: { runId: number; accepted: number; batch: number; place: ListPlace }) {
  const [state, action] = useFormAction(commitAction, INITIAL_FORM_STATE);
  const n = Math.min(props.accepted, props.batch);
  const noun = n === 1 ? "commitment" : "commitments";
  const count = n.toLocaleString("en");
  return (
    <form action={action} className="inline-form" data-testid="commit-form">
      <FormErrorBanner error={state.error} />
      <input type="hidden" name="runId" value={props.runId} />
      <Place place={props.place} />
      <SubmitButton pendingLabel={`Creating ${count} ${noun}…`}>
        {props.accepted > n
          ? `Create ${count} ${noun} from the first of the ${props.accepted.toLocaleString("en")} accepted`
          : `Create ${count} ${noun} from the accepted`}
      </SubmitButton>
    </form>
  );
}
