import type { Metadata } from "next";
import Link from "next/link";

import { DateText } from "@/components/dates";
import { FilterActions, ListPager, PastLastPage, QueryErrors } from "@/components/list-pager";
import { StatusBadge } from "@/components/status-badge";
import { loadAgreementIndex } from "@/db/public";
import { type AgreementQuery, agreementQuerySchema, listHref, parseListQuery } from "@/lib/agreement-index";
import { rawQuery } from "@/lib/commitment-list";
import { STATUS_VALUES } from "@/lib/status";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "All agreements",
  alternates: { canonical: "/agreements" },
  description:
    "Every tracked agreement, filterable by party, kind, year signed and text, with its commitments by status.",
  // Replaces the layout's openGraph (Next merges metadata one key deep), so it repeats those fields.
  openGraph: { url: "/agreements", type: "website", siteName: "Accord Tracker", locale: "en" },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const DEFAULTS = { sort: "active" };

export default async function AgreementsIndexPage({ searchParams }: Props) {
  const { query, errors } = parseListQuery(agreementQuerySchema, rawQuery(await searchParams));
  const result = loadAgreementIndex(query);
  const current: Partial<AgreementQuery> = { ...query, page: result.page };
  const href = (changes: Record<string, string | number | undefined>) =>
    listHref("/agreements", current, changes, DEFAULTS);

  return (
    <>
      <h1>Agreements</h1>
      <p className="lead" data-testid="list-summary">
        {result.total.toLocaleString("en")} agreement{result.total === 1 ? "" : "s"}
      </p>
      <QueryErrors errors={errors} />
      <PastLastPage asked={query.page} page={result.page} pages={result.pages} />

      {/* Keyed by the query and without autocomplete, as on the commitment list (Back shows the
          filters of the page shown). */}
      <form
        key={href({ page: result.page })}
        method="get"
        className="list-filters"
        aria-label="Filter agreements"
        data-testid="filters"
        autoComplete="off"
      >
        <div className="field">
          <label htmlFor="q">Search</label>
          <input
            id="q"
            type="search"
            name="q"
            defaultValue={query.q ?? ""}
            placeholder="Words in titles and summaries"
          />
        </div>
        <div className="field">
          <label htmlFor="f-party">Party</label>
          <select id="f-party" name="party" defaultValue={query.party ?? ""}>
            <option value="">Any party</option>
            {result.facets.party.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label} ({f.count})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-kind">Kind</label>
          <select id="f-kind" name="kind" defaultValue={query.kind ?? ""}>
            <option value="">Any kind</option>
            {result.facets.kind.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label} ({f.count})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-year">Year signed</label>
          <select id="f-year" name="year" defaultValue={query.year ?? ""}>
            <option value="">Any year</option>
            {result.facets.year.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label} ({f.count})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-sort">Sort by</label>
          <select id="f-sort" name="sort" defaultValue={query.sort}>
            <option value="active">Most recently active</option>
            <option value="signed">Date signed</option>
            <option value="title">Title</option>
          </select>
        </div>
        <FilterActions clearHref="/agreements" submit="Apply" clear="Clear all" />
      </form>

      {result.rows.length === 0 ? (
        <p className="notice" data-testid="no-results">
          No agreement matches these filters. <Link href="/agreements">Clear all filters</Link>
        </p>
      ) : (
        <div className="table-wrap" role="region" aria-label="Matching agreements" tabIndex={0}>
          <table className="list-table reflow-table">
            <thead>
              <tr>
                <th scope="col">Agreement</th>
                <th scope="col">Signed</th>
                <th scope="col">Tracked</th>
                <th scope="col">Status</th>
                <th scope="col">Last update</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((a) => (
                <tr key={a.id} data-testid="agreement-row">
                  <td>
                    <Link href={`/agreements/${a.slug}`}>{a.title}</Link>
                    <div className="meta-line">
                      {a.kind} · {a.parties.map((p) => p.name).join(" – ")}
                    </div>
                  </td>
                  <td data-label="Signed">{a.signedOn ? <DateText date={a.signedOn} /> : "—"}</td>
                  <td data-label="Tracked" data-testid="agreement-counts">
                    {a.total} commitment{a.total === 1 ? "" : "s"}
                    {a.milestones > 0 ? ` and ${a.milestones} milestone${a.milestones === 1 ? "" : "s"}` : ""}
                  </td>
                  <td data-label="Status">
                    <ul className="plain-list status-summary">
                      {STATUS_VALUES.filter((s) => a.statusCounts[s] > 0).map((s) => (
                        <li key={s}>
                          <Link
                            href={`/commitments?agreement=${encodeURIComponent(a.slug)}&level=commitment&status=${s}`}
                          >
                            {a.statusCounts[s]}
                          </Link>{" "}
                          <StatusBadge status={s} />
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="Last update">
                    {a.lastActivityOn ? <DateText date={a.lastActivityOn} /> : "None yet"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager page={result.page} pages={result.pages} href={(page) => href({ page })} />
    </>
  );
}
