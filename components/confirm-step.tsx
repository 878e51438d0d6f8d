import type { ReactNode } from "react";

import { SubmitButton } from "./submit-button";

/**
 * A destructive action behind a native disclosure (`<details>`): the first activation opens it and
 * says what will happen, the button inside confirms. Works by keyboard and without JavaScript.
 */
export function ConfirmStep({
  summary,
  explanation,
  children,
}: {
  /** what the closed disclosure says, e.g. "Delete this commitment…" */
  summary: string;
  explanation: ReactNode;
  /** the confirming submit button */
  children: ReactNode;
}) {
  return (
    <details className="confirm-step">
      <summary className="button button--danger">{summary}</summary>
      <div className="confirm-step__body">
        <p>{explanation}</p>
        {children}
      </div>
    </details>
  );
}

/**
 * The submit buttons of a delete-or-restore form for `noun` ("commitment", "agreement"): restoring
 * is one click; deleting goes through a {@link ConfirmStep} that says what happens (`explanation`).
 */
export function DeleteOrRestoreButtons({
  noun,
  deleted,
  explanation,
}: {
  noun: string;
  deleted: boolean;
  explanation: ReactNode;
}) {
  if (deleted) {
    return (
      <SubmitButton pendingLabel="Saving…" variant="secondary">
        Restore this {noun}
      </SubmitButton>
    );
  }
  return (
    <ConfirmStep summary={`Delete this ${noun}…`} explanation={explanation}>
      <SubmitButton pendingLabel="Deleting…" variant="danger">
        Yes, delete this {noun}
      </SubmitButton>
    </ConfirmStep>
  );
}
