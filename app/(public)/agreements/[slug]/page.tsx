import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DateText, DeadlineFlag, TargetDateText } from "@/components/dates";
import { ExternalLink } from "@/components/external-link";
import { ProgressMeter } from "@/components/progress-meter";
import { StatusBadge } from "@/components/status-badge";
import { StatusBar } from "@/components/status-bar";
import type { AgreementCommitment } from "@/db/queries/agreements";
import { loadAgreement } from "@/db/public";
import { groupByTheme, summariseAgreement } from "@/lib/agreement-summary";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const agreement = loadAgreement((await params).slug);
  if (!agreement) return { title: "Agreement not found" };
  return {
    title: agreement.title,
    description: `${agreement.total} commitments of the ${agreement.kind.toLowerCase()} between ${agreement.parties
      .map((p) => p.name)
      .join(" and ")}: status, owner, target date and evidence for each.`,
  };
}

export default async function AgreementPage({ params }: Props) {
  const agreement = loadAgreement((await params).slug);
  if (!agreement) notFound();
  const today = appToday();
  const summary = summariseAgreement(agreement.commitments, today);
  const themes = groupByTheme(agreement.commitments);

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link href="/">Agreements</Link>
          </li>
          <li aria-current="page">{agreement.kind}</li>
        </ol>
      </nav>
      <h1>{agreement.title}</h1>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{agreement.kind}</dd>
        {agreement.signedOn ? (
          <>
            <dt>Signed</dt>
            <dd>
              <DateText date={agreement.signedOn} />
              {agreement.place ? `, ${agreement.place}` : null}
            </dd>
          </>
        ) : null}
        <dt>Parties</dt>
        <dd>
          <ul className="plain-inline">
            {agreement.parties.map((p) => (
              <li key={p.code}>
                {p.name} <span className="muted">({p.code})</span>
                {p.signatory ? ` — ${p.signatory}` : null}
              </li>
            ))}
          </ul>
        </dd>
        {agreement.sourceUrl ? (
          <>
            <dt>Text</dt>
            <dd>
              <ExternalLink href={agreement.sourceUrl}>Source of the text</ExternalLink>
            </dd>
          </>
        ) : null}
      </dl>
      {agreement.summary ? <p className="lead">{agreement.summary}</p> : null}

      <section aria-labelledby="progress-heading" className="card">
        <h2 id="progress-heading" style={{ marginTop: 0 }}>
          Progress
        </h2>
        <div className="kpis" data-testid="progress-summary">
          <div className="kpi">
            <span className="kpi__value">{agreement.total}</span>
            <span className="kpi__label">commitments</span>
          </div>
          <div className="kpi">
            <span className="kpi__value">{summary.final}</span>
            <span className="kpi__label">closed (fulfilled, partly or not)</span>
          </div>
          <div className="kpi">
            <span className="kpi__value">{summary.overdue}</span>
            <span className="kpi__label">overdue</span>
          </div>
          <div className="kpi">
            <span className="kpi__value">{agreement.meanProgress === null ? "—" : `${agreement.meanProgress}%`}</span>
            <span className="kpi__label">
              mean progress
              {summary.withProgress < agreement.total ? ` (of ${summary.withProgress} measured)` : ""}
            </span>
          </div>
        </div>
        <StatusBar counts={agreement.statusCounts} total={agreement.total} label="Commitments by status" />
      </section>

      <h2 id="commitments-heading">Commitments by theme</h2>
      {themes.map(({ theme, commitments }) => (
        <section key={theme} aria-label={theme} data-testid="theme-section">
          <h3>
            {theme} <span className="muted">({commitments.length})</span>
          </h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th className="ref" scope="col">
                    #
                  </th>
                  <th scope="col">Commitment</th>
                  <th scope="col">Status</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Target date</th>
                  <th scope="col">Progress</th>
                </tr>
              </thead>
              <tbody>
                {commitments.flatMap((c) => [c, ...c.milestones]).map((c) => (
                  <CommitmentRow key={c.id} c={c} today={today} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}

function CommitmentRow({ c, today }: { c: AgreementCommitment; today: string }) {
  return (
    <tr className={c.parentId === null ? undefined : "milestone"} data-testid="commitment-row">
      <td className="ref">{c.ref}</td>
      <td>
        {c.parentId !== null ? <span className="visually-hidden">Milestone: </span> : null}
        <Link href={`/commitments/${c.id}`}>{c.title}</Link>
        <div className="meta-line">Owed by {c.parties.map((p) => p.code).join(", ")}</div>
      </td>
      <td>
        <StatusBadge status={c.status} />
      </td>
      <td>{c.owner}</td>
      <td>
        <TargetDateText date={c.targetDate} precision={c.targetPrecision} />
        <div>
          <DeadlineFlag status={c.status} targetDate={c.targetDate} fulfilledOn={c.fulfilledOn} today={today} />
        </div>
      </td>
      <td>
        <ProgressMeter value={c.progress} />
      </td>
    </tr>
  );
}
