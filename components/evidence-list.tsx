import type { EvidenceItem } from "@/db/queries/commitments";
import { EVIDENCE_KIND_LABELS } from "@/lib/evidence";

import { DateText } from "./dates";
import { ExternalLink } from "./external-link";

/** Evidence links with publisher, publication date and kind. */
export function EvidenceList({ items }: { items: readonly EvidenceItem[] }) {
  return (
    <ul className="evidence-list" data-testid="evidence-list">
      {items.map((e) => (
        <li key={e.id}>
          <ExternalLink href={e.url}>{e.title}</ExternalLink>
          <span className="meta-line">
            {" — "}
            {e.publisher ? `${e.publisher}, ` : null}
            {e.publishedOn ? <DateText date={e.publishedOn} /> : "undated"} · {EVIDENCE_KIND_LABELS[e.kind]}
          </span>
        </li>
      ))}
    </ul>
  );
}
