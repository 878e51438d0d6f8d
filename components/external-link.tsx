import type { ReactNode } from "react";

import { safeHttpUrl } from "@/lib/evidence";

/**
 * A link to another site, opened in a new tab with `rel="noopener noreferrer"`. Only http(s) URLs
 * become links; anything else is shown as plain text, never as an `href`.
 */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const safe = safeHttpUrl(href);
  if (!safe) return <span>{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
