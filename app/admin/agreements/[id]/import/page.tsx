import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requireRole } from "@/auth/require";
import { Breadcrumb } from "@/components/breadcrumb";
import { ListPager } from "@/components/list-pager";
import { getDb } from "@/db/client";
import { COMMIT_BATCH } from "@/db/mutations/import-commit";
import {
  candidatePage,
  getRun,
  importAgreement,
  recentRuns,
  REVIEW_GROUPS,
  REVIEW_PAGE_SIZE,
  type ReviewGroup,
  runCounts,
  skippedCandidates,
} from "@/db/queries/import";
import type { ImportRun } from "@/db/schema-import";
import { parseRowId } from "@/lib/ids";
import { themeLabels } from "@/lib/import/review-fields";
import { reviewWindow } from "@/lib/import/review-window";

import { AcceptUnflaggedForm, CommitForm } from "./candidate-forms";
import { ReviewItemView } from "./review-item";
import { ReviewText } from "./review-text";
import { UploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Admin: import a text", robots: { index: false } };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const GROUP_LABELS: Record<ReviewGroup, string> = {
  all: "All",
  undecided: "Not decided",
  flagged: "Flagged",
  accepted: "Accepted",
  rejected: "Rejected",
  positions: "Positions",
  imported: "Imported",
  skipped: "Skipped",
};

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

/** The success notice after a review action (`?done=`, with counts from `n`, `skipped` and `left`). */
function notice(done: string | undefined, n: number, skipped: number, left: number): string | null {
  switch (done) {
    case "decided":
      return "Decision saved.";
    case "accepted":
      return `${plural(n, "candidate")} accepted.`;
    case "saved":
      return "Candidate saved.";
    case "unchanged":
      return "No changes to save.";
    case "split":
      return "Candidate split in two.";
    case "merged":
      return "Candidates merged.";
    case "committed":
      return `${plural(n, "commitment")} created${skipped ? `; ${skipped} skipped as already imported` : ""}. They show on the public agreement page with their passages highlighted.${left ? ` ${plural(left, "accepted candidate")} still to create: press “Create” again.` : ""}`;
    default:
      return null;
  }
}

export default async function ImportPage({ params, searchParams }: Props) {
  const { id: raw } = await params;
  const access = await requireRole("admin", `/admin/agreements/${raw}/import`);
  if (!access.ok) return null;
  const id = parseRowId(raw);
  const db = getDb();
  const agreement = id === null ? null : importAgreement(db, id);
  if (!agreement) notFound();
  const sp = await searchParams;
  const runId = parseRowId(one(sp.run) ?? "");
  const run = runId === null ? null : getRun(db, agreement.id, runId);
  if (runId !== null && !run) notFound();
  const base = `/admin/agreements/${agreement.id}/import`;

  return (
    <>
      <Breadcrumb
        items={[
          { href: "/admin/agreements", label: "Agreements" },
          { href: `/admin/agreements/${agreement.id}`, label: agreement.slug },
          { label: "Import a text" },
        ]}
      />
      <h1>Import a text: {agreement.title}</h1>
      {agreement.deletedAt ? (
        <p className="banner banner--warning">This agreement is deleted: restore it before importing into it.</p>
      ) : null}
      {run && run.state === "review" ? (
        <Review run={run} agreement={agreement} sp={sp} base={base} />
      ) : (
        <>
          <p className="lead">
            Upload or paste the agreement’s text. Its pledges are proposed as candidates, each tied to its words;
            nothing becomes a commitment until you accept it and create the commitments.
          </p>
          {run ? (
            <p className="banner banner--error" role="alert" data-testid="run-failed">
              This import failed: {run.errorMessage} Nothing was stored but this attempt.
            </p>
          ) : null}
          <UploadForm
            action={`${base}/upload`}
            error={run ? { field: run.errorField ?? "form", message: run.errorMessage ?? "The import failed." } : null}
            defaults={{
              title: run?.title ?? "",
              kind: run?.kind ?? "official_text",
              url: run?.url ?? "",
              publishedOn: run?.publishedOn ?? agreement.signedOn ?? "",
            }}
          />
          <EarlierRuns agreementId={agreement.id} base={base} />
        </>
      )}
    </>
  );
}

function EarlierRuns({ agreementId, base }: { agreementId: number; base: string }) {
  const runs = recentRuns(getDb(), agreementId);
  if (runs.length === 0) return null;
  return (
    <section aria-labelledby="runs-heading">
      <h2 id="runs-heading">Earlier imports</h2>
      <ul className="plain-list" data-testid="earlier-runs">
        {runs.map((r) => (
          <li key={r.id}>
            <Link href={`${base}?run=${r.id}`}>
              {r.fileName ?? "Pasted text"} ({r.createdAt.slice(0, 10)})
            </Link>
            {" — "}
            {r.state === "failed"
              ? `failed: ${r.errorMessage}`
              : `${plural(r.candidates, "candidate")}, ${r.imported.toLocaleString("en")} imported`}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Review(props: {
  run: ImportRun;
  agreement: NonNullable<ReturnType<typeof importAgreement>>;
  sp: Record<string, string | string[] | undefined>;
  base: string;
}) {
  const { run, agreement, sp, base } = props;
  const db = getDb();
  const text = run.text ?? "";
  const showParam = one(sp.show);
  const show: ReviewGroup = (REVIEW_GROUPS as readonly string[]).includes(showParam ?? "")
    ? (showParam as ReviewGroup)
    : "all";
  const asked = Number(one(sp.page) ?? 1);
  const counts = runCounts(db, run.id);
  const list = candidatePage(db, run.id, show, Number.isSafeInteger(asked) ? asked : 1);
  const place = { show, page: list.page };
  const skipped = skippedCandidates(db, run.id);
  const window = reviewWindow(text, list.items, counts.all <= REVIEW_PAGE_SIZE && show === "all");
  const href = (group: ReviewGroup, page = 1) =>
    `${base}?run=${run.id}${group === "all" ? "" : `&show=${group}`}${page > 1 ? `&page=${page}` : ""}`;
  const message = notice(
    one(sp.done),
    Number(one(sp.n) ?? 0) || 0,
    Number(one(sp.skipped) ?? 0) || 0,
    Number(one(sp.left) ?? 0) || 0,
  );
  return (
    <>
      {message ? (
        <p className="banner banner--success" role="status" data-testid="notice">
          {message}
        </p>
      ) : null}
      <p className="meta-line" data-testid="run-summary">
        {run.fileName ?? "Pasted text"} · {run.format}, read as {run.encoding}
        {run.encodingGuessed ? " (a guess: check the text below)" : ""} · {plural(run.paragraphCount, "paragraph")},{" "}
        {plural(run.sentenceCount, "sentence")} · {plural(counts.all, "candidate")} · deadlines read against{" "}
        {run.documentDate ?? "no date"} · <Link href={base}>Import another text</Link>
      </p>
      {run.notes.length > 0 ? (
        <ul className="banner banner--info">
          {run.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      {counts.all === 0 ? (
        <p className="banner banner--warning" role="status" data-testid="no-candidates">
          No pledges found in this text — {plural(run.sentenceCount, "sentence")} read. Check it is the agreement’s
          text, or add its commitments by hand.
        </p>
      ) : null}
      {skipped.total > 0 ? (
        <div className="banner banner--info" data-testid="skipped">
          <p style={{ margin: 0 }}>{plural(skipped.total, "candidate")} skipped as already imported:</p>
          <ul>
            {skipped.items.map((s) => (
              <li key={s.candidateId}>
                “{s.quote.length > 90 ? `${s.quote.slice(0, 89)}…` : s.quote}” —{" "}
                {s.reason === "passage" ? "the same passage as" : "the same words as"}{" "}
                <Link href={`/admin/commitments/${s.commitmentId}`}>
                  commitment {s.commitmentRef}: {s.commitmentTitle}
                </Link>
              </li>
            ))}
            {skipped.total > skipped.items.length ? (
              <li>
                and {skipped.total - skipped.items.length} more (<Link href={href("skipped")}>list them</Link>)
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}
      {counts.all > 0 ? (
        <div className="review-actions" data-testid="review-actions">
          <p>
            {counts.accepted.toLocaleString("en")} accepted · {counts.undecided.toLocaleString("en")} not decided ·{" "}
            {counts.rejected.toLocaleString("en")} rejected · {counts.imported.toLocaleString("en")} imported
          </p>
          {counts.unflagged > 0 ? <AcceptUnflaggedForm runId={run.id} count={counts.unflagged} place={place} /> : null}{" "}
          {counts.accepted > 0 ? (
            <CommitForm runId={run.id} accepted={counts.accepted} batch={COMMIT_BATCH} place={place} />
          ) : null}
        </div>
      ) : null}
      {counts.all > 0 ? (
        <nav aria-label="Candidates shown" className="review-groups">
          <ul className="plain-inline">
            {REVIEW_GROUPS.map((g) => (
              <li key={g}>
                {g === show ? (
                  <strong aria-current="page">
                    {GROUP_LABELS[g]} ({counts[g]})
                  </strong>
                ) : (
                  <Link href={href(g)}>
                    {GROUP_LABELS[g]} ({counts[g]})
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <datalist id="import-themes">
        {themeLabels().map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {counts.all > 0 ? (
        <div className="review">
          <section aria-labelledby="review-text-heading" className="review__text">
            <h2 id="review-text-heading">The text</h2>
            <ReviewText text={text} window={window} items={list.items} />
          </section>
          <section aria-labelledby="review-list-heading" className="review__list">
            <h2 id="review-list-heading">
              {GROUP_LABELS[show]} candidates ({list.total.toLocaleString("en")})
            </h2>
            {list.total === 0 ? <p>None here.</p> : null}
            <ol className="candidates" data-testid="candidates">
              {list.items.map((item) => (
                <ReviewItemView key={item.id} item={item} runId={run.id} parties={agreement.parties} place={place} />
              ))}
            </ol>
            <ListPager page={list.page} pages={list.pages} href={(p) => href(show, p)} label="Pages of candidates" />
          </section>
        </div>
      ) : null}
    </>
  );
}
