import type { ReactNode } from "react";

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
