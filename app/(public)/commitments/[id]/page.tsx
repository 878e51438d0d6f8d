import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DateText, DeadlineFlag, TargetDateText } from "@/components/dates";
import { EvidenceList } from "@/components/evidence-list";
import { FreshnessLine } from "@/components/freshness-line";
import { ProgressMeter } from "@/components/progress-meter";
import { StatusBadge } from "@/components/status-badge";
import { loadCommitment } from "@/db/public";
import type { TimelineEntry } from "@/db/queries/commitments";
import { formatCalendarDate } from "@/lib/calendar-date";
import { embedSnippet } from "@/lib/embed";
import { parseRowId } from "@/lib/ids";
import { SOURCE_DOCUMENT_KIND_LABELS } from "@/lib/source-documents";
import { passageHash, sourceHash } from "@/lib/source-passages";
import { STATUSES } from "@/lib/status";
import { siteOrigin } from "@/lib/site-origin";
import { appToday } from "@/lib/today";
import { Breadcrumb } from "@/components/breadcrumb";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const STRENGTH_LABELS = {
  binding: "Binding (“will”, “agreed to”)",
  intent: "Intent (“aim to”, “plan to”)",
  exploratory: "Exploratory (“explore”, “consider”)",
} as const;

async function load(params: Props["params"]) {
  const id = parseRowId((await params).id);
  return id === null ? null : loadCommitment(id);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const c = await load(params);
  if (!c) return { title: "Commitment not found" };
  return {
    title: c.title,
    alternates: {
      canonical: `/commitments/${c.id}`,
      types: { "application/atom+xml": [{ url: `/commitments/${c.id}/feed.xml`, title: `Updates: ${c.title}` }] },
    },
    openGraph: {
      type: "article",
      title: c.title,
      url: `/commitments/${c.id}`,
      description: `${STATUSES[c.status].label} — ${c.agreement.title}`,
    },
    description: `${STATUSES[c.status].label}: ${c.description || c.title} — a commitment of ${c.agreement.title}.`,
  };
}

export default async function CommitmentPage({ params }: Props) {
  const c = await load(params);
  if (!c) notFound();
  const today = appToday();
  const origin = siteOrigin(await headers());

  return (
    <>
      <Breadcrumb
        items={[
          { href: "/", label: "Agreements" },
          { href: `/agreements/${c.agreement.slug}`, label: c.agreement.title },
          ...(c.parent ? [{ href: `/commitments/${c.parent.id}`, label: `${c.parent.ref}. ${c.parent.title}` }] : []),
          { label: `Commitment ${c.ref}` },
        ]}
      />
      <h1>
        <span className="muted">{c.ref}.</span> {c.title}
      </h1>
      <p>
        <StatusBadge status={c.status} size="large" />{" "}
        <DeadlineFlag status={c.status} targetDate={c.targetDate} fulfilledOn={c.fulfilledOn} today={today} />
      </p>
      {c.description ? <p className="lead">{c.description}</p> : null}

      <dl className="facts" data-testid="commitment-facts">
        <dt>Progress</dt>
        <dd>
          <ProgressMeter value={c.progress} note={c.progressRolledUp ? rollUpNote(c.milestones) : undefined} />
        </dd>
        <dt>Owner</dt>
        <dd>{c.owner || <span className="muted">Not named</span>}</dd>
        <dt>Owed by</dt>
        <dd>{c.parties.map((p) => p.name).join(", ") || <span className="muted">Not named</span>}</dd>
        <dt>Target date</dt>
        <dd>
          <TargetDateText date={c.targetDate} precision={c.targetPrecision} />
          {c.targetPhrase ? <span className="muted"> — as phrased: “{c.targetPhrase}”</span> : null}
          {c.fulfilledOn ? (
            <div>
              {c.status === "partially_fulfilled" ? "Partly fulfilled" : "Fulfilled"} on{" "}
              <DateText date={c.fulfilledOn} />
            </div>
          ) : null}
        </dd>
        <dt>Theme</dt>
        <dd>{c.theme}</dd>
        <dt>Strength</dt>
        <dd>{c.strength ? STRENGTH_LABELS[c.strength] : <span className="muted">Not classified yet</span>}</dd>
        <dt>Last updated</dt>
        <dd>
          <FreshnessLine
            status={c.status}
            lastUpdatedOn={c.lastUpdatedOn}
            agreementSignedOn={c.agreement.signedOn}
            addedOn={c.addedOn}
            today={today}
            compact
          />
        </dd>
      </dl>

      <section aria-labelledby="quote-heading">
        <h2 id="quote-heading">Source quote</h2>
        {c.quote ? (
          <figure>
            <blockquote className="quote">{c.quote}</blockquote>
            {/* With a source document the passage below names where the words are from; a second
                "From <agreement>" read as the same source named twice. */}
            {c.source ? null : (
              <figcaption className="meta-line">
                From <Link href={`/agreements/${c.agreement.slug}`}>{c.agreement.title}</Link>
                {c.agreement.signedOn ? (
                  <>
                    , <DateText date={c.agreement.signedOn} />
                  </>
                ) : null}
              </figcaption>
            )}
          </figure>
        ) : (
          <p className="muted">No verbatim wording recorded for this commitment yet.</p>
        )}
        {c.source ? <SourcePassage c={c} /> : null}
      </section>

      {c.milestones.length > 0 ? (
        <section aria-labelledby="milestones-heading">
          <h2 id="milestones-heading">Milestones</h2>
          <ul className="plain-list">
            {c.milestones.map((m) => (
              <li key={m.id}>
                <Link href={`/commitments/${m.id}`}>
                  {m.ref}. {m.title}
                </Link>{" "}
                <StatusBadge status={m.status} /> <ProgressMeter value={m.progress} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        {c.timeline.length === 0 ? (
          <p className="muted">No status updates yet: this commitment has not been assessed.</p>
        ) : (
          <ol className="timeline" data-testid="timeline">
            {c.timeline.map((u) => (
              <TimelineItem key={u.id} u={u} />
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="follow-heading">
        <h2 id="follow-heading">Follow and embed</h2>
        <p>
          <a href={`/commitments/${c.id}/feed.xml`}>Atom feed of this commitment’s updates</a> ·{" "}
          <a href={`/api/v1/commitments/${c.id}`}>JSON</a>
        </p>
        <p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a tiny SVG badge, shown as it will look when embedded */}
          <img src={`/badge/commitments/${c.id}.svg`} alt={`Status badge: ${STATUSES[c.status].label}`} height={20} />
        </p>
        <label htmlFor="embed-snippet">Embed this status badge on another site:</label>
        <textarea
          id="embed-snippet"
          className="embed-snippet"
          readOnly
          rows={3}
          value={embedSnippet(origin, c.id, c.ref, STATUSES[c.status].label)}
        />
      </section>

      {c.otherEvidence.length > 0 ? (
        <section aria-labelledby="evidence-heading">
          <h2 id="evidence-heading">Other evidence</h2>
          <p className="muted">Links about this commitment that are not tied to a status change.</p>
          <EvidenceList items={c.otherEvidence} />
        </section>
      ) : null}
    </>
  );
}

/**
 * Where the commitment's words are in a source document: the passage (unless it is the quote shown
 * above), which document it is from, whether it is commentary, and a link back to the passage
 * highlighted on the agreement page.
 */
function SourcePassage({ c }: { c: NonNullable<Awaited<ReturnType<typeof load>>> }) {
  const source = c.source;
  if (!source) return null;
  const { document: doc, passage, fromCommentary } = source;
  const kind = SOURCE_DOCUMENT_KIND_LABELS[doc.kind];
  const href = `/agreements/${c.agreement.slug}#${passage === null ? sourceHash(doc.id) : passageHash(c.id)}`;
  const reports = doc.kind === "news_report" || doc.kind === "other";
  return (
    <figure className="source-passage" data-testid="source-passage">
      {passage !== null && passage !== c.quote ? (
        <blockquote className={fromCommentary ? "quote quote--commentary" : "quote"}>{passage}</blockquote>
      ) : null}
      <figcaption className="meta-line">
        From the {kind} “{doc.title}”
        {doc.publishedOn ? (
          <>
            , <DateText date={doc.publishedOn} />
          </>
        ) : null}
        {fromCommentary ? (
          <>
            {" "}
            — <strong>from commentary</strong>: the {kind}’s own words, not the agreement’s text.
          </>
        ) : reports ? (
          ", quoting the agreement’s own words."
        ) : (
          "."
        )}{" "}
        {/* A plain link, not next/link: a full navigation to the fragment makes the browser open the
            collapsed <details> around the passage (HTML's "ancestor details revealing" on
            scrolling to a fragment), which a client-side navigation does not do. */}
        <a href={href} data-testid="passage-back-link">
          {passage === null ? `See the ${kind}` : `See the passage in the ${kind}`}
        </a>
      </figcaption>
    </figure>
  );
}

/** "(mean of its milestones)", or which of them count when some have no progress recorded. */
function rollUpNote(milestones: { progress: number | null }[]): string {
  const recorded = milestones.filter((m) => m.progress !== null).length;
  if (recorded === milestones.length) return "(mean of its milestones)";
  return `(mean of the ${recorded} of its ${milestones.length} milestones with progress recorded)`;
}

function TimelineItem({ u }: { u: TimelineEntry }) {
  const statusChanged = u.statusFrom !== null && u.statusFrom !== u.statusTo;
  const progressChanged = u.progressTo !== null && u.progressFrom !== u.progressTo;
  const targetMoved = u.targetDateFrom !== u.targetDateTo && (u.targetDateFrom !== null || u.targetDateTo !== null);
  return (
    <li data-testid="timeline-entry">
      <div className="timeline__date">
        <DateText date={u.happenedOn} />
      </div>
      <div className="timeline__change">
        {statusChanged && u.statusFrom ? (
          <>
            <StatusBadge status={u.statusFrom} />
            <span>→</span>
          </>
        ) : null}
        <StatusBadge status={u.statusTo} />
        {!statusChanged ? <span className="muted">(status unchanged)</span> : null}
        {progressChanged ? (
          <span className="muted">
            {u.progressFrom === null
              ? `Progress set to ${u.progressTo}%`
              : `Progress ${u.progressFrom}% → ${u.progressTo}%`}
          </span>
        ) : null}
      </div>
      {targetMoved ? (
        <p>
          Target moved from {u.targetDateFrom ? formatCalendarDate(u.targetDateFrom) : "none"} to{" "}
          {u.targetDateTo ? formatCalendarDate(u.targetDateTo) : "none"}
        </p>
      ) : null}
      {u.note ? <p>{u.note}</p> : null}
      {u.evidence.length > 0 ? <EvidenceList items={u.evidence} /> : null}
    </li>
  );
}
