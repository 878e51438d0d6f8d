import { Fragment } from "react";

import { DateText } from "@/components/dates";
import { ExternalLink } from "@/components/external-link";
import type { PassageSource } from "@/lib/agreement-page";
import type { SourceDocumentItem } from "@/db/queries/source-documents";
import { sourceKindHeading } from "@/lib/source-documents";
import { type Passage, passageHash, segmentText, sourceHash, type TextSegment } from "@/lib/source-passages";

/** Texts longer than this (UTF-16 code units) are collapsed in a `<details>` until opened. */
export const COLLAPSE_OVER = 1500;

/**
 * Texts longer than this are shown as excerpts: only the paragraphs holding a passage (at most
 * `EXCERPT_PARAGRAPHS` of them), with the gaps between them counted. An imported 3 MB text shown
 * whole made its agreement page 14 MB of HTML and 10 s a request (issue 10's hostile pass).
 */
export const EXCERPT_OVER = 20_000;
export const EXCERPT_PARAGRAPHS = 200;

interface PassageOwner {
  id: number;
  ref: string;
  title: string;
  fromCommentary: boolean;
}

/** The passages anchored by offsets in document `docId`, and whose commitment each is. */
function passagesOf(sources: readonly PassageSource[], docId: number) {
  const passages: Passage[] = [];
  const owners = new Map<number, PassageOwner>();
  for (const { id, ref, title, anchor: a } of sources) {
    if (a.sourceDocumentId === docId && a.start !== null && a.end !== null) {
      passages.push({ key: id, start: a.start, end: a.end });
      owners.set(id, { id, ref, title, fromCommentary: a.fromCommentary });
    }
  }
  // Longer passages first, so a segment's first id is the outer passage's.
  passages.sort((x, y) => x.start - y.start || y.end - x.end);
  return { passages, owners };
}

/**
 * The agreement's source documents, each with its kind, title, date and link, and its text with
 * every live commitment's passage highlighted (`<mark id="passage-<commitment id>">`) and followed
 * by a link to the commitment whose accessible name says which commitment it is. Overlapping
 * passages are split into segments (lib/source-passages.ts), never nested links. The text is
 * rendered as text (escaped by React); paragraphs are kept, long texts collapsed in `<details>`,
 * and texts over `EXCERPT_OVER` shown as the paragraphs that hold passages, the gaps counted.
 */
export function SourceDocuments({
  documents,
  passages,
}: {
  documents: readonly SourceDocumentItem[];
  passages: readonly PassageSource[];
}) {
  if (documents.length === 0) return null;
  return (
    <section aria-labelledby="sources-heading" className="source-docs">
      <h2 id="sources-heading">Source {documents.length === 1 ? "document" : "documents"}</h2>
      <p className="meta-line">
        Highlighted: the words each commitment comes from, with a link to it after each passage. A dotted underline
        marks commentary (the report’s own words), not the agreement’s text.
      </p>
      {documents.map((d) => (
        <SourceDocumentView key={d.id} doc={d} {...passagesOf(passages, d.id)} />
      ))}
    </section>
  );
}

function SourceDocumentView({
  doc,
  passages,
  owners,
}: {
  doc: SourceDocumentItem;
  passages: Passage[];
  owners: Map<number, PassageOwner>;
}) {
  const { paragraphs } = segmentText(doc.text, passages);
  const titleId = `${sourceHash(doc.id)}-title`;
  const excerpt = doc.textLength > EXCERPT_OVER;
  // In an excerpt, each paragraph shown keeps its place: the paragraphs left out before it are counted.
  const shown: { paragraph: (typeof paragraphs)[number]; skipped: number }[] = [];
  let skipped = 0;
  for (const paragraph of paragraphs) {
    if (excerpt && (shown.length >= EXCERPT_PARAGRAPHS || !paragraph.segments.some((s) => s.keys.length > 0))) {
      skipped++;
      continue;
    }
    shown.push({ paragraph, skipped });
    skipped = 0;
  }
  const gap = (n: number, key: string) => (
    <p key={key} className="source-text__gap muted" data-testid="source-gap">
      [… {n.toLocaleString("en")} {n === 1 ? "paragraph" : "paragraphs"} without a passage …]
    </p>
  );
  const body = (
    <div className="source-text__body" data-testid="source-text">
      {shown.map(({ paragraph: p, skipped: before }) => (
        <Fragment key={p.start}>
          {before > 0 ? gap(before, `gap-${p.start}`) : null}
          <p>
            {p.segments.map((s) => (
              <SegmentView key={s.start} s={s} owners={owners} />
            ))}
          </p>
        </Fragment>
      ))}
      {excerpt && skipped > 0 ? gap(skipped, "gap-end") : null}
    </div>
  );
  const count = passages.length;
  return (
    <article
      className="card source-doc"
      id={sourceHash(doc.id)}
      aria-labelledby={titleId}
      data-testid="source-document"
    >
      <h3 id={titleId}>{doc.title}</h3>
      <p className="meta-line">
        <span data-testid="source-kind">{sourceKindHeading(doc.kind)}</span>
        {doc.publishedOn ? (
          <>
            , <DateText date={doc.publishedOn} />
          </>
        ) : null}
        {doc.url ? (
          <>
            {" · "}
            <ExternalLink href={doc.url}>Original</ExternalLink>
          </>
        ) : null}
        {" · "}
        {count === 0 ? "no passage highlighted" : `${count} ${count === 1 ? "passage" : "passages"} highlighted`}
      </p>
      {excerpt ? (
        <details className="source-text">
          <summary>
            Show the passages in their paragraphs ({shown.length.toLocaleString("en")} of{" "}
            {paragraphs.length.toLocaleString("en")} paragraphs; the text has {doc.textLength.toLocaleString("en")}{" "}
            characters)
          </summary>
          {shown.length < paragraphs.filter((p) => p.segments.some((s) => s.keys.length > 0)).length ? (
            <p className="meta-line" data-testid="source-excerpt-cap">
              The first {EXCERPT_PARAGRAPHS.toLocaleString("en")} paragraphs holding a passage are shown.
            </p>
          ) : null}
          {body}
        </details>
      ) : doc.textLength > COLLAPSE_OVER ? (
        <details className="source-text">
          <summary>Show the text ({doc.textLength.toLocaleString("en")} characters)</summary>
          {body}
        </details>
      ) : (
        <div className="source-text">{body}</div>
      )}
    </article>
  );
}

function SegmentView({ s, owners }: { s: TextSegment; owners: Map<number, PassageOwner> }) {
  if (s.keys.length === 0) return <>{s.text}</>;
  const [markId, ...otherTargets] = s.first;
  const commentary = s.keys.every((k) => owners.get(k)?.fromCommentary);
  const className = ["passage", s.keys.length > 1 ? "passage--overlap" : "", commentary ? "passage--commentary" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      {otherTargets.map((k) => (
        <span key={k} id={passageHash(k)} className="passage-target" />
      ))}
      <mark
        id={markId === undefined ? undefined : passageHash(markId)}
        className={className}
        data-commitments={s.keys.join(" ")}
      >
        {s.text}
      </mark>
      {s.last.map((k) => {
        const owner = owners.get(k);
        if (!owner) return null;
        return (
          <Fragment key={k}>
            {" "}
            <a
              href={`/commitments/${owner.id}`}
              className="passage-link"
              aria-label={`Commitment ${owner.ref}${owner.fromCommentary ? " (commentary)" : ""}: ${owner.title}`}
              data-testid="passage-link"
            >
              {owner.ref}
            </a>
          </Fragment>
        );
      })}
    </>
  );
}
