import type { ReactNode } from "react";

/** The success message after a write, chosen by the `?done=` word the action redirected with. */
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
    <p className="banner banner--success" role="status" data-testid="notice">
      {text}
      {children ? <> {children}</> : null}
    </p>
  );
}
