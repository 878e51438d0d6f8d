import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DateText, DeadlineFlag, TargetDateText } from "@/components/dates";
import { ExternalLink } from "@/components/external-link";
import { ProgressMeter } from "@/components/progress-meter";
import { SourceDocuments } from "@/components/source-documents";
import { StatusBadge } from "@/components/status-badge";
import { breakdownRows, StatusChart } from "@/components/status-chart";
import type { AgreementCommitment } from "@/db/queries/agreements";
import { ListPager, PastLastPage, QueryErrors } from "@/components/list-pager";
import { MoreKeys } from "@/components/more-keys";
import { loadAgreement, loadAgreementCatalog, loadAgreementPage, loadAgreementRecord } from "@/db/public";
import { agreementPageOf, tablePageQuerySchema } from "@/lib/agreement-page";
import { parseListQuery } from "@/lib/agreement-index";
import { agreementAsOf, groupByTheme } from "@/lib/agreement-summary";
import { formatCalendarDate } from "@/lib/calendar-date";
import { asOfSchema, rawQuery } from "@/lib/commitment-list";
import { appToday } from "@/lib/today";
import { Breadcrumb } from "@/components/breadcrumb";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const agreement = loadAgreementRecord((await params).slug);
  if (!agreement) return { title: "Agreement not found" };
  return {
    title: agreement.title,
    alternates: {
      canonical: `/agreements/${agreement.slug}`,
      types: {
        "application/atom+xml": [
          { url: `/agreements/${agreement.slug}/feed.xml`, title: `Updates: ${agreement.title}` },
        ],
      },
    },
    openGraph: {
      type: "website",
      title: agreement.title,
      url: `/agreements/${agreement.slug}`,
      siteName: "Accord Tracker",
    },
    description: `${agreement.total} commitments of the ${agreement.kind.toLowerCase()} between ${agreement.parties
      .map((p) => p.name)
      .join(" and ")}: status, owner, target date and evidence for each.`,
  };
}

export default async function AgreementPage({ params, searchParams }: Props) {
  const slug = (await params).slug;
  const current = loadAgreementRecord(slug);
  if (!current) notFound();
  const today = appToday();
  const query = rawQuery(await searchParams);
  const paging = parseListQuery(tablePageQuerySchema, query.page === undefined ? {} : { page: query.page });
  const askedPage = paging.query.page;
  // ?asOf=YYYY-MM-DD: every commitment as it stood at the end of that day, from its history.
  const parsed = asOfSchema(today).safeParse(query.asOf);
  let asOfProblem = parsed.success ? null : (parsed.error.issues[0]?.message ?? "Use a real date as YYYY-MM-DD");
  let asOf = parsed.success ? parsed.data : undefined;
  if (asOf && current.signedOn && asOf < current.signedOn) {
    asOfProblem = `The agreement dates from ${formatCalendarDate(current.signedOn)}: choose that day or later`;
    asOf = undefined;
  }
  const day = asOf ?? today;
  // Today: one page of the table and the figures, in SQL. As of a date: the agreement's history
  // replayed (one agreement's rows), then the same paging and chart rules.
  const data = asOf
    ? agreementPageOf(agreementAsOf(loadAgreement(slug)!, loadAgreementCatalog(slug, today), asOf), askedPage, asOf)
    : loadAgreementPage(slug, askedPage, today)!;
  const { agreement, table } = data;
  const themeCounts = new Map(data.themes.map((t) => [t.theme, t.count]));
  const themes = groupByTheme(agreement.commitments);
  const listBase = `/commitments?agreement=${agreement.slug}&level=commitment${asOf ? `&asOf=${asOf}` : ""}`;
  const pageHref = (page: number) =>
    `/agreements/${agreement.slug}?${new URLSearchParams({ ...(asOf ? { asOf } : {}), ...(page > 1 ? { page: String(page) } : {}) })}#commitments-heading`;

  return (
    <>
      <Breadcrumb items={[{ href: "/", label: "Agreements" }, { label: agreement.kind }]} />
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

      <form method="get" className="filters as-of-form" aria-label="See the agreement on an earlier date">
        <label htmlFor="as-of">As it stood on</label>{" "}
        <input
          id="as-of"
          type="date"
          name="asOf"
          min={current.signedOn ?? undefined}
          max={today}
          defaultValue={asOf ?? ""}
          aria-describedby={asOfProblem ? "as-of-problem" : undefined}
        />{" "}
        <button type="submit" className="button button--secondary">
          Show
        </button>
        {asOfProblem ? (
          <p className="banner banner--error" id="as-of-problem" role="status" data-testid="as-of-problem">
            {asOfProblem}
          </p>
        ) : null}
      </form>
      {asOf ? (
        <p className="banner banner--info" role="status" data-testid="as-of-banner">
          As it stood at the end of <DateText date={asOf} />: statuses, progress and target dates from each
          commitment&apos;s history. <Link href={`/agreements/${agreement.slug}`}>See it today</Link>
        </p>
      ) : null}

      <section aria-labelledby="progress-heading" className="card">
        <h2 id="progress-heading" style={{ marginTop: 0 }}>
          Progress
        </h2>
        <div className="kpis" data-testid="progress-summary">
          <Kpi value={agreement.total} label="commitments" />
          <Kpi
            value={agreement.statusCounts.fulfilled + agreement.statusCounts.partially_fulfilled}
            label="fulfilled or partly fulfilled"
          />
          <Kpi value={agreement.statusCounts.in_progress} label="in progress" />
          <Kpi value={data.overdue} label="overdue" />
          <Kpi value={agreement.statusCounts.not_assessed} label="not yet assessed" />
        </div>
        <StatusChart
          id="status"
          title="Commitments by status"
          rows={[{ label: "", counts: agreement.statusCounts, href: (s) => `${listBase}&status=${s}` }]}
        />
        <p className="meta-line" data-testid="progress-note">
          {data.withProgress === 0
            ? "No commitment has a progress figure yet."
            : `Progress is recorded for ${data.withProgress} of ${agreement.total} commitments (mean ${agreement.meanProgress}%); the others have a status only.`}
          {agreement.milestones > 0 ? ` Milestones (${agreement.milestones}) are counted apart.` : ""}
        </p>
      </section>

      <section aria-labelledby="charts-heading" className="charts">
        <h2 id="charts-heading">Progress by theme and by owner</h2>
        <StatusChart
          id="by-theme"
          title="Commitments by theme"
          rows={breakdownRows(data.byTheme.rows, (c) => c.key, "theme", listBase)}
        />
        <MoreKeys shown={data.byTheme.rows} keys={data.byTheme.keys} noun="themes" listHref={listBase} />
        <StatusChart
          id="by-owner"
          title="Commitments by owner"
          rows={breakdownRows(data.byOwner.rows, (c) => c.key, "owner", listBase)}
        />
        <MoreKeys shown={data.byOwner.rows} keys={data.byOwner.keys} noun="owners" listHref={listBase} />
      </section>

      <h2 id="commitments-heading">Commitments by theme</h2>
      <QueryErrors errors={paging.errors} />
      <PastLastPage asked={askedPage} page={table.page} pages={table.pages} />
      {table.pages > 1 ? (
        <p className="meta-line" data-testid="table-range">
          Commitments {table.first.toLocaleString("en")}–{table.last.toLocaleString("en")} of{" "}
          {table.total.toLocaleString("en")}, with their milestones.{" "}
          <Link href={listBase}>Filter or sort them in the list</Link>
        </p>
      ) : null}
      <div className="table-wrap" role="region" aria-labelledby="commitments-heading" tabIndex={0}>
        <table className="commitments-table reflow-table">
          <colgroup>
            <col className="col-ref" />
            <col className="col-title" />
            <col className="col-status" />
            <col className="col-owner" />
            <col className="col-target" />
            <col className="col-progress" />
          </colgroup>
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
          {themes.map(({ theme, commitments }) => (
            <tbody key={theme} data-testid="theme-section">
              <tr className="theme-row">
                <th scope="rowgroup" colSpan={6}>
                  {theme} <span className="muted">({themeCounts.get(theme) ?? commitments.length})</span>
                </th>
              </tr>
              {commitments
                .flatMap((c) => withMilestones(c, 0))
                .map(({ c, depth }) => (
                  <CommitmentRow key={c.id} c={c} depth={depth} today={day} />
                ))}
            </tbody>
          ))}
        </table>
      </div>

      <ListPager page={table.page} pages={table.pages} href={pageHref} label="Pages of commitments" />

      <SourceDocuments documents={agreement.sourceDocuments} passages={data.passages} />
    </>
  );
}

function Kpi({ value, label }: { value: number; label: string }) {
  return (
    <div className="kpi">
      <span className="kpi__value">{value}</span> <span className="kpi__label">{label}</span>
    </div>
  );
}

function NotRecorded({ label }: { label: string }) {
  return (
    <span className="muted" title={label}>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** A commitment followed by its milestones at every level, in order, with their depth. */
function withMilestones(c: AgreementCommitment, depth: number): { c: AgreementCommitment; depth: number }[] {
  return [{ c, depth }, ...c.milestones.flatMap((m) => withMilestones(m, depth + 1))];
}

function CommitmentRow({ c, depth, today }: { c: AgreementCommitment; depth: number; today: string }) {
  return (
    <tr className={depth === 0 ? undefined : "milestone"} data-testid="commitment-row">
      <td className="ref" data-label="#">
        {c.ref}
      </td>
      <td style={depth > 0 ? { paddingLeft: `${0.6 + depth * 1.25}rem` } : undefined}>
        {depth > 0 ? <span className="visually-hidden">Milestone: </span> : null}
        <Link href={`/commitments/${c.id}`}>{c.title}</Link>
        {c.parties.length > 0 ? (
          <div className="meta-line">Owed by {c.parties.map((p) => p.code).join(", ")}</div>
        ) : null}
      </td>
      <td data-label="Status">
        <StatusBadge status={c.status} />
      </td>
      <td data-label="Owner">{c.owner}</td>
      <td data-label="Target date">
        {c.targetDate ? (
          <>
            <TargetDateText date={c.targetDate} precision={c.targetPrecision} />
            <div>
              <DeadlineFlag status={c.status} targetDate={c.targetDate} fulfilledOn={c.fulfilledOn} today={today} />
            </div>
          </>
        ) : (
          <NotRecorded label="No target date" />
        )}
      </td>
      <td data-label="Progress">
        {c.progress === null ? <NotRecorded label="Progress not recorded" /> : <ProgressMeter value={c.progress} />}
      </td>
    </tr>
  );
}
