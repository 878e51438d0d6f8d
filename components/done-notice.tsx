import type { ReactNode } from "react";

/**
 * The success message after a write, chosen by the `?done=` word the action redirected with. It
 * belongs to that write only: once a later form on the page shows a refusal (components/
 * form-error-banner.tsx, class `form-error`), the stylesheet hides it (`main:has(.form-error)
 * .done-notice`, app/globals.css), with or without JavaScript.
 */
export function DoneNotice({
  done,
  notices,
  children,
}: {
  done: string | undefined;
  notices: Record<string, string>;
  children?: ReactNode;
}) {
  const text = done ? notices[done] : undefined;
  if (!text) return null;
  return (
    <p className="banner banner--success done-notice" role="status" data-testid="notice">
      {text}
      {children ? <> {children}</> : null}
    </p>
  );
}
