import Link from "next/link";

import type { FormState } from "./form-state";

/** The message above a refused form: conflict, sign-in needed, forbidden, or fields to fix. */
export function FormErrorBanner({ error }: { error: FormState["error"] }) {
  if (!error) return null;
  const cls =
    error.kind === "conflict" || error.kind === "site_updated"
      ? "banner banner--warning form-error"
      : "banner banner--error form-error";
  return (
    <div className={cls} role="status" data-testid={`form-error-${error.kind}`}>
      <p style={{ margin: 0 }}>{error.message}</p>
      {error.kind === "unauthenticated" ? (
        <p style={{ margin: "0.4rem 0 0" }}>
          <Link href="/signin">Sign in again</Link> (your session ended or your account was disabled).
        </p>
      ) : null}
    </div>
  );
}
