"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

/** A submit button that is disabled and says so while its form is being sent (no double posts). */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  name,
  value,
}: {
  children: ReactNode;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  const cls = variant === "primary" ? "button" : `button button--${variant}`;
  return (
    <button type="submit" className={cls} disabled={pending} aria-disabled={pending} name={name} value={value}>
      {pending ? pendingLabel : children}
    </button>
  );
}
