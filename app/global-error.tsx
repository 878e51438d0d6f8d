"use client";

/** Last-resort error page, used when the root layout itself fails. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <title>Error · Accord Tracker</title>
        <h1>Something went wrong</h1>
        <p>Accord Tracker could not show this page because of a fault on our side.</p>
        {error.digest ? <p>Reference: {error.digest}</p> : null}
        <p>
          {/* A full reload on purpose: the root layout that Link relies on has failed. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/">Go to all agreements</a>
        </p>
      </body>
    </html>
  );
}
