import type { Metadata } from "next";
import Link from "next/link";

import { DeadlineFlag, TargetDateText } from "@/components/dates";
import { ProgressMeter } from "@/components/progress-meter";
import { StatusBadge } from "@/components/status-badge";
import { loadCatalogRows } from "@/db/public";
import { formatMonth } from "@/lib/calendar-date";
import { type CatalogRow, countByLevel, countLabel } from "@/lib/commitment-list";
import { groupDeadlines, type MonthGroup, SOON_DAYS } from "@/lib/deadline-groups";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Deadlines",
  alternates: { canonical: "/deadlines" },
  description: "Open commitments by target date: overdue, due in the next 90 days, later, and without a date.",
  // Replaces the layout's openGraph (Next merges metadata one key deep), so it repeats those fields.
  openGraph: { url: "/deadlines", type: "website", siteName: "Accord Tracker", locale: "en" },
};

export default function DeadlinesPage() {
  const today = appToday();
  const rows = loadCatalogRows();
  const groups = groupDeadlines(rows, today);
  const many = new Set(rows.map((r) => r.agreement.id)).size > 1;
  return (
    <>
      <h1>Deadlines</h1>
      <p className="lead">Open commitments and milestones (not yet fulfilled or closed), by target date.</p>
      <nav aria-label="On this page" className="toc">
        <a href="#overdue">Overdue ({count(groups.overdue)})</a> ·{" "}
        <a href="#soon">
          Next {SOON_DAYS} days ({count(groups.soon)})
        </a>{" "}
        · <a href="#later">Later ({count(groups.later)})</a> ·{" "}
        <a href="#no-date">No date ({countLabel(countByLevel(groups.noDate))})</a>
      </nav>
      <Section
        id="overdue"
        title="Overdue"
        empty="Nothing is overdue."
        groups={groups.overdue}
        today={today}
        many={many}
      />
      <Section
        id="soon"
        title={`Due in the next ${SOON_DAYS} days`}
        empty={`Nothing is due in the next ${SOON_DAYS} days.`}
        groups={groups.soon}
        today={today}
        many={many}
      />
      <Section id="later" title="Later" empty="Nothing is due later." groups={groups.later} today={today} many={many} />
      <section aria-labelledby="no-date" data-testid="deadline-group-no-date">
        <h2 id="no-date">No target date ({countLabel(countByLevel(groups.noDate))})</h2>
        {groups.noDate.length === 0 ? (
          <p className="muted">Every open commitment has a target date.</p>
        ) : (
          <ul className="plain-list">
            {groups.noDate.map((r) => (
              <Row key={r.id} r={r} today={today} many={many} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The rows of some month groups, by the counting rule: "3", or "1 + 2 milestones". */
function count(groups: MonthGroup<CatalogRow>[]) {
  return countLabel(countByLevel(groups.flatMap((g) => g.rows)));
}

function Section(props: {
  id: string;
  title: string;
  empty: string;
  groups: MonthGroup<CatalogRow>[];
  today: string;
  many: boolean;
}) {
  return (
    <section aria-labelledby={props.id} data-testid={`deadline-group-${props.id}`}>
      <h2 id={props.id}>
        {props.title} ({count(props.groups)})
      </h2>
      {props.groups.length === 0 ? <p className="muted">{props.empty}</p> : null}
      {props.groups.map((g) => (
        <div key={g.month}>
          <h3>{formatMonth(`${g.month}-01`)}</h3>
          <ul className="plain-list">
            {g.rows.map((r) => (
              <Row key={r.id} r={r} today={props.today} many={props.many} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function Row({ r, today, many }: { r: CatalogRow; today: string; many: boolean }) {
  return (
    <li data-testid="deadline-row">
      {r.level === "milestone" ? <span className="tag">Milestone</span> : null}{" "}
      <Link href={`/commitments/${r.id}`}>{r.title}</Link> <StatusBadge status={r.status} />
      <div className="meta-line">
        {many ? `${r.agreement.title} · ` : ""}
        {r.theme}
        {r.targetDate ? (
          <>
            {" "}
            · target <TargetDateText date={r.targetDate} precision={r.targetPrecision} />
            {r.targetPhrase ? ` (“${r.targetPhrase}”)` : ""}{" "}
            <DeadlineFlag status={r.status} targetDate={r.targetDate} fulfilledOn={null} today={today} />
          </>
        ) : null}
      </div>
      <div>
        <ProgressMeter value={r.progress} />
      </div>
    </li>
  );
}
