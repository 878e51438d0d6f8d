import Link from "next/link";

import type { ReviewItem } from "@/db/queries/import";
import type { Candidate } from "@/lib/import/types";
import { DECISION_LABELS, flagLabel, shownFlags } from "@/lib/import/review-words";
import { splitPoints } from "@/lib/import/review-spans";
import { formatTargetDate } from "@/lib/target-date";

import { DecideForm, EditCandidateForm, type ListPlace, MergeForm, SplitForm } from "./candidate-forms";

const STRENGTH: Record<string, string> = { binding: "binding", intent: "intent", exploratory: "exploratory" };

/** The deadline as the extractor read it: the phrase as written and what it resolves to. */
function proposedDeadline(item: ReviewItem): string {
  const p = item.proposed as Partial<Candidate> | null;
  const phrase = p && "deadlinePhrase" in p ? p.deadlinePhrase : null;
  if (!phrase) return "none in the words";
  const date = p?.targetDate ? formatTargetDate(p.targetDate, p.targetPrecision ?? null) : null;
  return `“${phrase}” → ${date ?? "no date (vague)"}`;
}

function target(item: ReviewItem): string {
  if (!item.targetDate) return item.targetPhrase ? `no date (“${item.targetPhrase}”)` : "none";
  const date = formatTargetDate(item.targetDate, item.targetPrecision);
  return item.targetPhrase ? `${date} (“${item.targetPhrase}”)` : date;
}

/** One candidate of the review list: what it proposes, its flags, and its forms. */
export function ReviewItemView(props: {
  item: ReviewItem;
  runId: number;
  parties: { code: string; name: string }[];
  place: ListPlace;
}) {
  const { item: c, place } = props;
  const label = `candidate ${c.ordinal}`;
  const flags = shownFlags(c.kind, c.flags);
  const reviewable = c.decision === "proposed" || c.decision === "accepted" || c.decision === "rejected";
  return (
    <li
      id={`candidate-${c.id}`}
      className={`card candidate candidate--${c.decision}`}
      data-testid="candidate"
      data-decision={c.decision}
      aria-labelledby={`candidate-${c.id}-head`}
    >
      <h3 id={`candidate-${c.id}-head`} className="candidate__head">
        <span>Candidate {c.ordinal}</span>
        <span className="muted"> · ¶ {c.paragraph} · </span>
        <span>
          {c.kind === "position" ? "Position (not a pledge)" : `Pledge${c.strength ? `, ${STRENGTH[c.strength]}` : ""}`}
        </span>
        <span className="muted"> · </span>
        <span className={`candidate__decision candidate__decision--${c.decision}`} data-testid="candidate-decision">
          {DECISION_LABELS[c.decision]}
        </span>
      </h3>
      <blockquote className="candidate__quote" data-testid="candidate-quote">
        {c.quote}
      </blockquote>
      <p className="meta-line">
        <a href={`#in-text-${c.id}`}>Show in the text</a>
      </p>
      {flags.length > 0 ? (
        <ul className="candidate__flags" aria-label="Flags">
          {flags.map((f) => (
            <li key={f} className="tag tag--flag" data-testid="candidate-flag">
              {flagLabel(f)}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="facts candidate__facts">
        <dt>Title</dt>
        <dd data-testid="candidate-title">{c.title}</dd>
        <dt>Theme</dt>
        <dd>{c.theme}</dd>
        <dt>Owed by</dt>
        <dd>{c.parties.length ? c.parties.join(", ") : "nobody named"}</dd>
        <dt>Owner</dt>
        <dd>{c.owner || "—"}</dd>
        <dt>Target</dt>
        <dd data-testid="candidate-target">{target(c)}</dd>
        <dt>Deadline as written</dt>
        <dd>{proposedDeadline(c)}</dd>
        <dt>Rules</dt>
        <dd>
          <code>{c.rules.join(" ")}</code>
          {c.edited ? <span className="muted"> · edited</span> : null}
        </dd>
      </dl>
      {c.decision === "imported" && c.commitmentId !== null ? (
        <p data-testid="candidate-commitment">
          Imported as{" "}
          <Link href={`/admin/commitments/${c.commitmentId}`}>
            commitment {c.commitmentRef}: {c.commitmentTitle}
          </Link>
        </p>
      ) : null}
      {c.decision === "duplicate" && c.duplicateOf !== null ? (
        <p data-testid="candidate-commitment">
          Already imported ({c.duplicateReason === "passage" ? "the same passage" : "the same words"}) as{" "}
          <Link href={`/admin/commitments/${c.duplicateOf}`}>
            commitment {c.commitmentRef}: {c.commitmentTitle}
          </Link>
          : skipped.
        </p>
      ) : null}
      {reviewable ? (
        <div className="candidate__actions">
          <DecideForm
            runId={props.runId}
            candidateId={c.id}
            version={c.version}
            decision={c.decision}
            label={label}
            place={place}
          />
          <EditCandidateForm
            label={label}
            parties={props.parties}
            place={place}
            initial={{
              candidateId: c.id,
              version: c.version,
              ref: c.ref,
              title: c.title,
              theme: c.theme,
              strength: c.strength ?? "",
              owner: c.owner,
              parties: c.parties,
              targetDate: c.targetDate ?? "",
              targetPrecision: c.targetPrecision ?? "",
              targetPhrase: c.targetPhrase,
            }}
          />
          <SplitForm candidateId={c.id} version={c.version} points={splitPoints(c.quote)} place={place} label={label} />
          {c.mergeWithId !== null ? (
            <MergeForm
              candidateId={c.id}
              version={c.version}
              withId={c.mergeWithId}
              withVersion={c.mergeWithVersion ?? 1}
              label={`${label} with candidate ${c.ordinal + 1}`}
              place={place}
            />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
