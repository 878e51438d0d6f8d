import type { ReactNode } from "react";

/**
 * A form field with its label, hint and errors wired for assistive technology (the epic-stack
 * habit): the control gets `aria-invalid` and `aria-describedby` pointing at the hint and errors.
 * `children` receives the attributes to spread on the control.
 */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: readonly string[];
  children: (control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${errorId ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({ id, ...(errorId ? { "aria-invalid": true as const } : {}), "aria-describedby": describedBy })}
      {errorId ? (
        <ul id={errorId} className="field__errors" data-testid={`error-${id}`}>
          {errors?.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
