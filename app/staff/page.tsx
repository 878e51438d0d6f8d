import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { currentUser } from "@/auth/actor";
import { TargetDateText } from "@/components/dates";
import { FilterActions, ListPager, PastLastPage, QueryErrors } from "@/components/list-pager";
import { ProgressMeter } from "@/components/progress-meter";
import { StatusBadge } from "@/components/status-badge";
import { getDb } from "@/db/client";
import { staffCommitmentPage, staffQuerySchema } from "@/db/queries/lists";
import { listHref, parseListQuery } from "@/lib/agreement-index";
import { rawQuery } from "@/lib/commitment-list";
import { STATUS_VALUES, STATUSES } from "@/lib/status";

export const metadata: Metadata = { title: "Staff: commitments", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function StaffHome({ searchParams }: Props) {
  if (!(await currentUser())) redirect("/signin?redirectTo=/staff");
  const { query, errors } = parseListQuery(staffQuerySchema, rawQuery(await searchParams));
  const result = staffCommitmentPage(getDb(), query);
  const current = { ...query, page: result.page };
  // Consecutive rows of one agreement under its heading (the page is in agreement order).
  const groups: { title: string; rows: typeof result.rows }[] = [];
  for (const r of result.rows) {
    const last = groups.at(-1);
    if (last && last.title === r.agreement.title) last.rows.push(r);
    else groups.push({ title: r.agreement.title, rows: [r] });
  }
  return (
    <>
      <h1>Commitments to update</h1>
      <p className="lead">Choose a commitment to post a dated status update or to add or remove evidence.</p>
      <QueryErrors errors={errors} />
      <PastLastPage asked={query.page} page={result.page} pages={result.pages} />
      <form
        key={listHref("/staff", current)}
        method="get"
        className="list-filters"
        aria-label="Find commitments"
        data-testid="filters"
        autoComplete="off"
      >
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" type="search" name="q" defaultValue={query.q ?? ""} placeholder="Title, number or agreement" />
        </div>
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select id="f-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">Any</option>
            {STATUS_VALUES.map((s) => (
              <option key={s} value={s}>
                {STATUSES[s].label}
              </option>
            ))}
          </select>
        </div>
        <FilterActions clearHref="/staff" submit="Find" clear="Clear" />
      </form>
      <p className="meta-line" data-testid="list-summary">
        {result.total} commitment{result.total === 1 ? "" : "s"} and milestone{result.total === 1 ? "" : "s"}
        {result.pages > 1 ? ` · page ${result.page} of ${result.pages}` : ""}
      </p>
      {result.rows.length === 0 ? (
        <p className="notice" data-testid="no-results">
          Nothing matches. <Link href="/staff">Clear the search</Link>
        </p>
      ) : null}
      {groups.map(({ title, rows }, i) => (
        <section key={`${i}-${title}`} aria-label={title}>
          <h2>{title}</h2>
          <ul className="plain-list">
            {rows.map((c) => (
              <li key={c.id} data-testid="staff-commitment">
                <span className="muted">{c.ref}.</span> <Link href={`/staff/commitments/${c.id}`}>{c.title}</Link>{" "}
                <StatusBadge status={c.status} />
                <div className="meta-line">
                  Target <TargetDateText date={c.targetDate} precision={c.targetPrecision} />
                </div>
                {/* Its own line: the meter is a block, so after a "·" it left the separator dangling. */}
                <div>
                  <ProgressMeter value={c.progress} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <ListPager page={result.page} pages={result.pages} href={(page) => listHref("/staff", current, { page })} />
    </>
  );
}
