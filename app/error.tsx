"use client";

import Link from "next/link";
import { useEffect } from "react";

/** Shown when a page fails on the server; the digest lets staff find the entry in the server log. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="error-page">
      <h1>Something went wrong</h1>
      <p>The page could not be shown because of a fault on our side. Nothing you entered was lost.</p>
      {error.digest ? <p className="muted">Reference: {error.digest}</p> : null}
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>{" "}
        or <Link href="/">go to all agreements</Link>.
      </p>
    </div>
  );
}
