import { Fragment } from "react";

import type { ReviewItem } from "@/db/queries/import";
import { DECISION_LABELS } from "@/lib/import/review-words";
import { segmentText, type TextSegment } from "@/lib/source-passages";
import type { Span } from "@/lib/source-documents";

/**
 * The imported text (the part `window` of it) with every candidate of the page highlighted: a
 * `<mark id="in-text-<id>">` per passage, styled by decision, followed by a link to the
 * candidate's item in the list, named "Candidate 3 (accepted)". Rendered as text (React escapes
 * it); overlapping passages are split, never nested (lib/source-passages.ts).
 */
export function ReviewText({ text, window, items }: { text: string; window: Span; items: readonly ReviewItem[] }) {
  const slice = text.slice(window.start, window.end);
  const byId = new Map(items.map((c) => [c.id, c]));
  const passages = items
    .filter((c) => c.start >= window.start && c.end <= window.end)
    .map((c) => ({ key: c.id, start: c.start - window.start, end: c.end - window.start }));
  const { paragraphs } = segmentText(slice, passages);
  return (
    <div className="source-text__body review-text" data-testid="review-text">
      {window.start > 0 ? <p className="muted">… (the text before is on earlier pages)</p> : null}
      {paragraphs.map((p) => (
        <p key={p.start}>
          {p.segments.map((s) => (
            <Segment key={s.start} s={s} byId={byId} />
          ))}
        </p>
      ))}
      {window.end < text.length ? <p className="muted">… (the text after is on later pages)</p> : null}
    </div>
  );
}

function Segment({ s, byId }: { s: TextSegment; byId: Map<number, ReviewItem> }) {
  if (s.keys.length === 0) return <>{s.text}</>;
  const [markId, ...others] = s.first;
  const decision = byId.get(s.keys[0]!)?.decision ?? "proposed";
  return (
    <>
      {others.map((k) => (
        <span key={k} id={`in-text-${k}`} className="passage-target" />
      ))}
      <mark
        id={markId === undefined ? undefined : `in-text-${markId}`}
        className={`candidate-mark candidate-mark--${decision}${s.keys.length > 1 ? " passage--overlap" : ""}`}
        data-candidates={s.keys.join(" ")}
      >
        {s.text}
      </mark>
      {s.last.map((k) => {
        const c = byId.get(k);
        if (!c) return null;
        return (
          <Fragment key={k}>
            {" "}
            <a
              href={`#candidate-${k}`}
              className="passage-link"
              aria-label={`Candidate ${c.ordinal} (${DECISION_LABELS[c.decision].toLowerCase()})`}
              data-testid="candidate-link"
            >
              {c.ordinal}
            </a>
          </Fragment>
        );
      })}
    </>
  );
}
