import type { Metadata } from "next";
import Link from "next/link";

import { DateText, DeadlineFlag, TargetDateText } from "@/components/dates";
import { FreshnessLine } from "@/components/freshness-line";
import { FilterActions } from "@/components/list-pager";
import { ProgressMeter } from "@/components/progress-meter";
import { StatusBadge } from "@/components/status-badge";
import { knownAgreements, loadAgreementTitles, loadCommitmentList } from "@/db/public";
import {
  type Count,
  countLabel,
  type ListQuery,
  listQuerySchema,
  queryString,
  rawQuery,
  selectedValue,
  shownFacetValues,
} from "@/lib/commitment-list";
import { STATUS_VALUES, STATUSES } from "@/lib/status";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "All commitments",
  alternates: {
    canonical: "/commitments",
    types: { "application/atom+xml": [{ url: "/feed.xml", title: "All status updates" }] },
  },
  description:
    "Every tracked commitment and milestone, filterable by agreement, status, theme, party, owner, strength, overdue and text.",
  // Replaces the layout's openGraph (Next merges metadata one key deep), so it repeats those fields.
  openGraph: { url: "/commitments", type: "website", siteName: "Accord Tracker", locale: "en" },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PLURALS: Record<string, string> = { theme: "themes", party: "parties", owner: "owners", strength: "strengths" };

const STRENGTH_LABELS: Record<string, string> = { binding: "Binding", intent: "Intent", exploratory: "Exploratory" };

export default async function CommitmentsPage({ searchParams }: Props) {
  const today = appToday();
  const raw = rawQuery(await searchParams);
  const parsed = listQuerySchema(today, { agreements: knownAgreements }).safeParse(raw);
  const errors = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
  // Bad parameters are named and left out; the rest still apply.
  const cleaned = parsed.success
    ? raw
    : Object.fromEntries(Object.entries(raw).filter(([k]) => !errors.some((e) => e.field === k)));
  const query: ListQuery = parsed.success ? parsed.data : listQuerySchema(today).parse(cleaned);
  const result = loadCommitmentList(query, today, true);
  const current: Record<string, string | number | undefined> = { ...query, page: result.page };
  const option = (facet: keyof typeof result.facets, value: string) => countLabel(result.facets[facet].get(value));
  // Each select offers the values with the most rows (lib/commitment-list.ts shownFacetValues).
  const shown = (facet: "agreement" | "theme" | "party" | "owner" | "strength") =>
    shownFacetValues(result.facets[facet], query[facet]);
  const values = (facet: "theme" | "party" | "owner" | "strength") => shown(facet).values;
  const agreementOptions = shown("agreement");
  const agreements = loadAgreementTitles(agreementOptions.values).map((a) => [a.slug, a.title] as const);
  // With more than one agreement in play, each row says which one it belongs to.
  const several = result.facets.agreement.size > 1;

  return (
    <>
      <h1>Commitments</h1>
      <p className="lead" data-testid="list-summary">
        {result.total.commitments.toLocaleString("en")} commitment{result.total.commitments === 1 ? "" : "s"}
        {result.total.milestones > 0
          ? ` and ${result.total.milestones.toLocaleString("en")} milestone${result.total.milestones === 1 ? "" : "s"}`
          : ""}
        {query.asOf ? (
          <>
            {" "}
            as they stood on <DateText date={query.asOf} />
          </>
        ) : null}
      </p>
      {errors.length > 0 ? (
        <div className="banner banner--error" role="status" data-testid="query-errors">
          Some filters were not understood and were left out:
          <ul>
            {errors.map((e) => (
              <li key={e.field}>
                <code>{e.field}</code>: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {query.page > result.pages ? (
        <p className="banner banner--warning" role="status" data-testid="page-note">
          There is no page {query.page}: these filters give {result.pages} page{result.pages === 1 ? "" : "s"}, so this
          is page {result.page}.
        </p>
      ) : null}

      {/* Keyed by the query and without autocomplete, so that after Back the controls show the
          filters of the page shown (React keeps a mounted select's value; browsers restore form
          values on history navigation). */}
      <form
        key={queryString(current)}
        method="get"
        className="list-filters"
        aria-label="Filter commitments"
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
            placeholder="Words in titles, quotes, notes, evidence"
          />
        </div>
        <div className="field">
          <label htmlFor="f-agreement">Agreement</label>
          <select id="f-agreement" name="agreement" defaultValue={query.agreement ?? ""}>
            <option value="">All ({countLabel(sum(result.facets.agreement))})</option>
            {agreements.map(([slug, title]) => (
              <option key={slug} value={slug}>
                {title} ({option("agreement", slug)})
              </option>
            ))}
          </select>
          <MoreValues hidden={agreementOptions.hidden} noun="agreements" />
        </div>
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select id="f-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">Any</option>
            {STATUS_VALUES.map((s) => (
              <option key={s} value={s}>
                {STATUSES[s].label} ({option("status", s)})
              </option>
            ))}
          </select>
        </div>
        <FacetSelect
          id="f-theme"
          label="Theme"
          name="theme"
          anyLabel="Any"
          value={query.theme}
          values={values("theme")}
          hidden={shown("theme").hidden}
          count={(v) => option("theme", v)}
        />
        <FacetSelect
          id="f-party"
          label="Owed by"
          name="party"
          anyLabel="Any party"
          value={query.party}
          values={values("party")}
          hidden={shown("party").hidden}
          count={(v) => option("party", v)}
        />
        <FacetSelect
          id="f-owner"
          label="Owner"
          name="owner"
          anyLabel="Any owner"
          value={query.owner}
          values={values("owner")}
          hidden={shown("owner").hidden}
          count={(v) => option("owner", v)}
        />
        <FacetSelect
          id="f-strength"
          label="Strength"
          name="strength"
          anyLabel="Any"
          value={query.strength}
          values={values("strength")}
          hidden={shown("strength").hidden}
          count={(v) => option("strength", v)}
          labelOf={(v) => STRENGTH_LABELS[v] ?? v}
        />
        <div className="field">
          <label htmlFor="f-overdue">Overdue</label>
          <select id="f-overdue" name="overdue" defaultValue={query.overdue ?? ""}>
            <option value="">Either</option>
            <option value="1">Overdue only ({option("overdue", "1")})</option>
            <option value="0">Not overdue ({option("overdue", "0")})</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-level">Level</label>
          <select id="f-level" name="level" defaultValue={query.level ?? ""}>
            <option value="">Commitments and milestones</option>
            <option value="commitment">Commitments ({result.facets.level.get("commitment")?.commitments ?? 0})</option>
            <option value="milestone">Milestones ({result.facets.level.get("milestone")?.milestones ?? 0})</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-sort">Sort by</label>
          <select id="f-sort" name="sort" defaultValue={query.sort}>
            <option value="agreement">Agreement order</option>
            <option value="target">Target date</option>
            <option value="updated">Last update</option>
            <option value="status">Status</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-asof">As of</label>
          <input id="f-asof" type="date" name="asOf" max={today} defaultValue={query.asOf ?? ""} />
        </div>
        <FilterActions clearHref="/commitments" submit="Apply" clear="Clear all" />
      </form>

      {result.rows.length === 0 ? (
        <p className="notice" data-testid="no-results">
          No commitment matches these filters. <Link href="/commitments">Clear all filters</Link>
        </p>
      ) : (
        <div className="table-wrap" role="region" aria-label="Matching commitments" tabIndex={0}>
          <table className="list-table reflow-table">
            <thead>
              <tr>
                <th scope="col" className="ref">
                  #
                </th>
                <th scope="col">Commitment</th>
                <th scope="col">Status{query.asOf ? " then" : ""}</th>
                <th scope="col">Owner</th>
                <th scope="col">Target date</th>
                <th scope="col">Last update</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.id} data-testid="list-row">
                  <td className="ref" data-label="#">
                    {r.ref}
                  </td>
                  <td>
                    {r.level === "milestone" ? <span className="tag">Milestone</span> : null}{" "}
                    <Link href={`/commitments/${r.id}`}>{r.title}</Link>
                    <div className="meta-line">
                      {several ? `${r.agreement.title} · ` : ""}
                      {r.theme}
                    </div>
                  </td>
                  <td data-label={query.asOf ? "Status then" : "Status"}>
                    <StatusBadge status={r.status} />
                    <div>
                      <ProgressMeter value={r.progress} />
                    </div>
                  </td>
                  <td data-label="Owner">{r.owner}</td>
                  <td data-label="Target date">
                    <TargetDateText date={r.targetDate} precision={r.targetPrecision} />
                    <div>
                      <DeadlineFlag status={r.status} targetDate={r.targetDate} fulfilledOn={null} today={result.day} />
                    </div>
                  </td>
                  <td data-label="Last update">
                    <FreshnessLine
                      status={r.status}
                      lastUpdatedOn={r.lastUpdatedOn}
                      agreementSignedOn={r.agreement.signedOn}
                      addedOn={r.addedOn}
                      today={result.day}
                      compact
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="meta-line" data-testid="exports">
        Download this list: <a href={`/commitments.csv${queryString(current)}`}>CSV</a> ·{" "}
        <a href={`/api/v1/commitments${queryString(current)}`}>JSON</a> ·{" "}
        <a href="/api/v1/openapi.json">API description</a>
      </p>
      {result.pages > 1 ? (
        <nav aria-label="Pages" className="pager" data-testid="pager">
          {result.page > 1 ? (
            <Link href={`/commitments${queryString(current, { page: result.page - 1 })}`}>← Previous</Link>
          ) : null}
          <span>
            Page {result.page} of {result.pages}
          </span>
          {result.page < result.pages ? (
            <Link href={`/commitments${queryString(current, { page: result.page + 1 })}`}>Next →</Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

function sum(counts: Map<string, Count>): Count {
  let commitments = 0;
  let milestones = 0;
  for (const c of counts.values()) {
    commitments += c.commitments;
    milestones += c.milestones;
  }
  return { commitments, milestones };
}

/** One filter of the list: a select of the values in use, each with the rows it returns. */
function FacetSelect(props: {
  id: string;
  label: string;
  name: string;
  anyLabel: string;
  value: string | undefined;
  values: string[];
  count: (value: string) => string;
  labelOf?: (value: string) => string;
  /** values left out of the select (too many to offer) */
  hidden: number;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={selectedValue(props.values, props.value)}>
        <option value="">{props.anyLabel}</option>
        {props.values.map((v) => (
          <option key={v} value={v}>
            {props.labelOf ? props.labelOf(v) : v} ({props.count(v)})
          </option>
        ))}
      </select>
      <MoreValues hidden={props.hidden} noun={PLURALS[props.name] ?? "values"} />
    </div>
  );
}

/** Under a select that offers only the values with the most rows: how many it leaves out. */
function MoreValues(props: { hidden: number; noun: string }) {
  if (props.hidden <= 0) return null;
  return (
    <small className="muted" data-testid="more-values">
      {`${props.hidden.toLocaleString("en")} more ${props.noun} with fewer rows: search or filter to find them.`}
    </small>
  );
}
