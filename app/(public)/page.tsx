import type { Metadata } from "next";
import Link from "next/link";

import { AgreementLine } from "@/components/agreement-line";
import { DateText, DeadlineFlag, TargetDateText } from "@/components/dates";
import { ProgressMeter } from "@/components/progress-meter";
import { StatusBadge } from "@/components/status-badge";
import { MoreKeys } from "@/components/more-keys";
import { breakdownRows, StatusChart } from "@/components/status-chart";
import {
  loadLatestUpdates,
  loadOpenWithoutTarget,
  loadOpenDeadlines,
  loadRecentlyActive,
  loadRolledProgress,
  loadStatusBreakdown,
} from "@/db/public";
import { updateHeadline } from "@/lib/feeds";
import { appToday } from "@/lib/today";

// Every request reads the live database: nothing is baked in at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { absolute: "Accord Tracker — what governments promised, and what they did" },
  alternates: {
    canonical: "/",
    types: { "application/atom+xml": [{ url: "/feed.xml", title: "All status updates" }] },
  },
  description:
    "Every pledge of international agreements with its status, owner, deadline and evidence: status counts, next deadlines and the latest updates.",
  // Replaces the layout's openGraph (Next merges metadata one key deep), so it repeats those fields.
  openGraph: { url: "/", type: "website", siteName: "Accord Tracker", locale: "en" },
};

const UPCOMING_SHOWN = 8;
const OVERDUE_SHOWN = 20;
/** Agreements shown on the home page, most recently active first; the rest are on /agreements. */
const RECENT_SHOWN = 6;

export default function HomePage() {
  const today = appToday();
  const recent = loadRecentlyActive(RECENT_SHOWN);
  // Read one row more than shown of each list, no more (the overdue count is exact either way).
  const { overdue, upcoming, overdueCount } = loadOpenDeadlines(today, Math.max(UPCOMING_SHOWN, OVERDUE_SHOWN) + 1);
  const updates = loadLatestUpdates(8);
  // Top-level commitments of every agreement counted by theme and by owner, for the charts (the
  // counting rule), from the summary table: only the keys with the most commitments (hundreds of
  // owners would make the page megabytes long; the list's owner and theme filters count every one).
  const byTheme = loadStatusBreakdown("theme");
  const byOwner = loadStatusBreakdown("owner");
  // Progress as the list shows it (a parent's rolls up from its milestones), for the rows shown.
  const progressOf = loadRolledProgress(
    [...upcoming.slice(0, UPCOMING_SHOWN), ...overdue.slice(0, OVERDUE_SHOWN)].map((d) => d.id),
  );
  const undated = loadOpenWithoutTarget();
  // With more than one agreement, each item of the mixed lists says which one it belongs to.
  const several = recent.total > 1;

  return (
    <>
      <h1>What governments promised, and what they did</h1>
      <p className="lead">
        Each pledge of an agreement is tracked on its own: its status, who owns it, its target date, and the dated
        evidence behind every change.
      </p>

      <section aria-labelledby="agreements-heading">
        <h2 id="agreements-heading">{recent.total > RECENT_SHOWN ? "Recently active agreements" : "Agreements"}</h2>
        {recent.rows.length === 0 ? (
          <p className="notice">No agreements yet.</p>
        ) : (
          recent.rows.map((a) => (
            <article key={a.id} className="card" data-testid="agreement-card">
              <h3>
                <Link href={`/agreements/${a.slug}`}>{a.title}</Link>
              </h3>
              <p className="meta-line">
                {a.kind}
                {a.signedOn ? (
                  <>
                    {" · "}
                    <DateText date={a.signedOn} />
                  </>
                ) : null}
                {a.place ? ` · ${a.place}` : null}
                {" · "}
                {a.parties.map((p) => p.name).join(" – ")}
                {a.lastActivityOn ? (
                  <>
                    {" · last update "}
                    <DateText date={a.lastActivityOn} />
                  </>
                ) : null}
              </p>
              <p>
                <strong>{a.total}</strong> commitment{a.total === 1 ? "" : "s"}
                {a.milestones > 0 ? ` and ${a.milestones} milestone${a.milestones === 1 ? "" : "s"}` : ""}
              </p>
              <StatusChart
                id={`status-${a.slug}`}
                title="Commitments by status"
                rows={[
                  {
                    label: "",
                    counts: a.statusCounts,
                    href: (s) => `/commitments?agreement=${a.slug}&level=commitment&status=${s}`,
                  },
                ]}
              />
            </article>
          ))
        )}
        {recent.total > 0 ? (
          <p>
            <Link href="/agreements" data-testid="all-agreements">
              All {recent.total.toLocaleString("en")} agreement{recent.total === 1 ? "" : "s"}
            </Link>
          </p>
        ) : null}
      </section>

      {byTheme.rows.length > 0 ? (
        <section aria-labelledby="breakdown-heading" className="charts">
          <h2 id="breakdown-heading">{several ? "All agreements by theme and by owner" : "By theme and by owner"}</h2>
          <StatusChart
            id="home-by-theme"
            title="Commitments by theme"
            rows={breakdownRows(byTheme.rows, (c) => c.key, "theme", "/commitments?level=commitment")}
          />
          <MoreKeys shown={byTheme.rows} keys={byTheme.keys} noun="themes" listHref="/commitments?level=commitment" />
          <StatusChart
            id="home-by-owner"
            title="Commitments by owner"
            rows={breakdownRows(byOwner.rows, (c) => c.key, "owner", "/commitments?level=commitment")}
          />
          <MoreKeys shown={byOwner.rows} keys={byOwner.keys} noun="owners" listHref="/commitments?level=commitment" />
        </section>
      ) : null}

      <div className="grid-2">
        <section aria-labelledby="deadlines-heading">
          <h2 id="deadlines-heading">Next deadlines</h2>
          {upcoming.length === 0 ? (
            <p className="muted">
              No open commitment has a target date after today.
              {undated > 0 ? ` ${undated} open commitments have no target date at all.` : ""}
            </p>
          ) : (
            <ul className="plain-list">
              {upcoming.slice(0, UPCOMING_SHOWN).map((d) => (
                <li key={d.id}>
                  <TargetDateText date={d.targetDate} precision={d.targetPrecision} /> —{" "}
                  <Link href={`/commitments/${d.id}`}>{d.title}</Link> <StatusBadge status={d.status} />{" "}
                  <DeadlineFlag status={d.status} targetDate={d.targetDate} fulfilledOn={null} today={today} />
                  <div>
                    <ProgressMeter value={progressOf.get(d.id) ?? null} />
                  </div>
                  {several ? <AgreementLine agreement={d.agreement} /> : null}
                </li>
              ))}
            </ul>
          )}
          {overdue.length > 0 ? (
            <>
              <h3 id="overdue-heading">Overdue ({overdueCount.toLocaleString("en")})</h3>
              <ul className="plain-list" aria-labelledby="overdue-heading">
                {overdue.slice(0, OVERDUE_SHOWN).map((d) => (
                  <li key={d.id} data-testid="overdue-item">
                    <Link href={`/commitments/${d.id}`}>{d.title}</Link>
                    <div className="meta-line">
                      Target <TargetDateText date={d.targetDate} precision={d.targetPrecision} /> ·{" "}
                      <StatusBadge status={d.status} />{" "}
                      <DeadlineFlag status={d.status} targetDate={d.targetDate} fulfilledOn={null} today={today} />
                    </div>
                    <div>
                      <ProgressMeter value={progressOf.get(d.id) ?? null} />
                    </div>
                    {several ? <AgreementLine agreement={d.agreement} /> : null}
                  </li>
                ))}
              </ul>
              {overdueCount > OVERDUE_SHOWN ? (
                <p>
                  <Link href="/commitments?level=commitment&overdue=1&sort=target">
                    All {overdueCount.toLocaleString("en")} overdue commitments
                  </Link>
                </p>
              ) : null}
            </>
          ) : null}
        </section>

        <section aria-labelledby="updates-heading">
          <h2 id="updates-heading">Latest updates</h2>
          {updates.length === 0 ? (
            <p className="muted">No status updates yet.</p>
          ) : (
            <ul className="plain-list" data-testid="latest-updates">
              {updates.map((u) => (
                <li key={u.id}>
                  <div className="meta-line">
                    <DateText date={u.happenedOn} />
                  </div>
                  <Link href={`/commitments/${u.commitment.id}`}>{u.commitment.title}</Link>
                  {several ? <AgreementLine agreement={u.agreement} /> : null}
                  <div className="timeline__change">
                    {u.statusFrom && u.statusFrom !== u.statusTo ? (
                      <>
                        <StatusBadge status={u.statusFrom} />
                        <span aria-label="changed to">→</span>
                      </>
                    ) : null}
                    <StatusBadge status={u.statusTo} />
                  </div>
                  {u.targetDateFrom !== u.targetDateTo ? <p>{updateHeadline(u)}</p> : null}
                  {u.note ? <p className="muted">{u.note}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
