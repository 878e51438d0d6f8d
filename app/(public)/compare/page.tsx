import type { Metadata } from "next";
import Link from "next/link";

import { AgreementLine } from "@/components/agreement-line";
import { DateText, TargetDateText } from "@/components/dates";
import { ProgressMeter } from "@/components/progress-meter";
import { StatusBadge } from "@/components/status-badge";
import { ListPager, PastLastPage } from "@/components/list-pager";
import { knownAgreements, loadCompare, loadSomeAgreementTitles } from "@/db/public";
import { formatCalendarDate, isCalendarDate } from "@/lib/calendar-date";
import { countPhrase } from "@/lib/commitment-list";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "What changed between two dates",
  description: "Commitments whose status or progress changed between two dates, from their dated history.",
  alternates: { canonical: "/compare" },
  // Replaces the layout's openGraph (Next merges metadata one key deep), so it repeats those fields.
  openGraph: { url: "/compare", type: "website", siteName: "Accord Tracker", locale: "en" },
};

/** The statement's first anniversary: the default starting point of the comparison. */
const DEFAULT_FROM = "2025-11-25";

/** Past this many agreements the agreement is typed (its slug), not chosen from a list. */
const MAX_SELECT = 200;

/** Changed rows a page shows. */
const PAGE_SIZE = 100;

type Props = { searchParams: Promise<{ from?: string; to?: string; agreement?: string; page?: string }> };

export default async function ComparePage({ searchParams }: Props) {
  const today = appToday();
  const params = await searchParams;
  const problems: string[] = [];
  const pick = (value: string | undefined, fallback: string, name: string) => {
    if (!value) return fallback;
    if (!isCalendarDate(value) || value > today) {
      problems.push(`${name}: use a real date as YYYY-MM-DD, no later than today (${today})`);
      return fallback;
    }
    return value;
  };
  let from = pick(params.from, DEFAULT_FROM < today ? DEFAULT_FROM : today, "from");
  let to = pick(params.to, today, "to");
  if (from > to) {
    [from, to] = [to, from];
    problems.push(`The first date was later than the second, so they were swapped: from ${from} to ${to}`);
  }
  // One more than a select offers: past MAX_SELECT the agreement is typed instead.
  const agreements = loadSomeAgreementTitles(MAX_SELECT + 1);
  const askedAgreement = typeof params.agreement === "string" && params.agreement !== "" ? params.agreement : undefined;
  // An unknown agreement is named and left out, as the list does with a bad filter.
  const agreement = askedAgreement !== undefined && knownAgreements.has(askedAgreement) ? askedAgreement : undefined;
  if (askedAgreement !== undefined && agreement === undefined) {
    problems.push(`agreement: there is no agreement "${askedAgreement.slice(0, 100)}", so every agreement is shown`);
  }
  const rawPage = typeof params.page === "string" && params.page !== "" ? params.page : undefined;
  if (rawPage !== undefined && !/^[1-9][0-9]{0,5}$/.test(rawPage)) {
    problems.push("page: use a whole page number from 1 to 999999");
  }
  const asked = rawPage !== undefined && /^[1-9][0-9]{0,5}$/.test(rawPage) ? Number(rawPage) : 1;
  const result = loadCompare({ from, to, agreement }, asked, PAGE_SIZE);
  const changes = result.changes;
  const several = agreements.length > 1 && !agreement;
  const pageHref = (p: number) => {
    const q = new URLSearchParams({ from, to });
    if (agreement) q.set("agreement", agreement);
    if (p > 1) q.set("page", String(p));
    return `/compare?${q.toString()}`;
  };

  return (
    <>
      <h1>What changed</h1>
      <p className="lead" data-testid="compare-summary">
        {countPhrase(result.total)} changed between <DateText date={from} /> and <DateText date={to} />.
      </p>
      {problems.length > 0 ? (
        <div className="banner banner--error" role="status">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <PastLastPage asked={asked} page={result.page} pages={result.pages} />
      <form method="get" className="filters" aria-label="Choose the dates">
        <label htmlFor="from">From</label> <input id="from" type="date" name="from" max={today} defaultValue={from} />{" "}
        <label htmlFor="to">To</label> <input id="to" type="date" name="to" max={today} defaultValue={to} />{" "}
        {agreements.length > MAX_SELECT ? (
          <>
            {/* Thousands of options would make the page megabytes: the agreement by its short name. */}
            <label htmlFor="agreement">Agreement</label>{" "}
            <input
              id="agreement"
              name="agreement"
              defaultValue={agreement ?? ""}
              placeholder="all agreements"
              aria-describedby="agreement-hint"
              maxLength={200}
            />{" "}
            <span id="agreement-hint" className="muted">
              its short name, as in its address on the <Link href="/agreements">agreements</Link> page
            </span>{" "}
          </>
        ) : agreements.length > 1 ? (
          <>
            <label htmlFor="agreement">Agreement</label>{" "}
            <select id="agreement" name="agreement" defaultValue={agreement ?? ""}>
              <option value="">All agreements</option>
              {agreements.map((a) => (
                <option key={a.slug} value={a.slug}>
                  {a.title}
                </option>
              ))}
            </select>{" "}
          </>
        ) : agreement ? (
          <input type="hidden" name="agreement" value={agreement} />
        ) : null}
        <button type="submit" className="button button--secondary">
          Compare
        </button>
      </form>
      {changes.length === 0 ? (
        <p className="notice">Nothing changed between these dates.</p>
      ) : (
        <div className="table-wrap" role="region" aria-label="Changes" tabIndex={0}>
          <table className="reflow-table">
            <thead>
              <tr>
                <th scope="col">Commitment</th>
                <th scope="col">
                  On <DateText date={from} />
                </th>
                <th scope="col">
                  On <DateText date={to} />
                </th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.row.id} data-testid="change-row">
                  <td>
                    <span className="muted">{c.row.ref}.</span>{" "}
                    <Link href={`/commitments/${c.row.id}`}>{c.row.title}</Link>
                    {several ? <AgreementLine agreement={c.row.agreement} /> : null}
                    <div className="meta-line">
                      Target <TargetDateText date={c.row.targetDate} precision={c.row.targetPrecision} />
                    </div>
                  </td>
                  <td data-label={`On ${formatCalendarDate(from)}`}>
                    {c.fromStatus ? (
                      <StatusBadge status={c.fromStatus} />
                    ) : (
                      <span className="muted">Not yet agreed</span>
                    )}
                  </td>
                  <td data-label={`On ${formatCalendarDate(to)}`}>
                    <StatusBadge status={c.toStatus} />
                    <div>
                      <ProgressMeter value={c.toProgress} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager page={result.page} pages={result.pages} href={pageHref} label="Pages of changes" />
      <p>
        <Link href={`/commitments?asOf=${from}`}>All commitments as of {from}</Link> ·{" "}
        <Link href={`/commitments?asOf=${to}`}>as of {to}</Link>
      </p>
    </>
  );
}
