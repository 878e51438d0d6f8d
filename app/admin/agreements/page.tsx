import type { Metadata } from "next";
import Link from "next/link";

import { requireRole } from "@/auth/require";
import { DateText } from "@/components/dates";
import { FilterActions, ListPager, ListSummary, PastLastPage, QueryErrors } from "@/components/list-pager";
import { getDb } from "@/db/client";
import { adminAgreementPage, adminAgreementQuerySchema } from "@/db/queries/lists";
import { listHref, parseListQuery } from "@/lib/agreement-index";
import { rawQuery } from "@/lib/commitment-list";

export const metadata: Metadata = { title: "Admin: agreements", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminAgreementsPage({ searchParams }: Props) {
  const access = await requireRole("admin", "/admin/agreements");
  if (!access.ok) return null;
  const { query, errors } = parseListQuery(adminAgreementQuerySchema, rawQuery(await searchParams));
  const result = adminAgreementPage(getDb(), query);
  const current = { ...query, page: result.page };
  return (
    <>
      <h1>Agreements</h1>
      <p>
        <Link href="/admin/agreements/new" className="button">
          New agreement
        </Link>
      </p>
      <QueryErrors errors={errors} />
      <PastLastPage asked={query.page} page={result.page} pages={result.pages} />
      <form
        key={listHref("/admin/agreements", current)}
        method="get"
        className="list-filters"
        aria-label="Find agreements"
        data-testid="filters"
        autoComplete="off"
      >
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" type="search" name="q" defaultValue={query.q ?? ""} placeholder="Title or slug" />
        </div>
        <div className="field">
          <label htmlFor="f-state">State</label>
          <select id="f-state" name="state" defaultValue={query.state ?? ""}>
            <option value="">Live and deleted</option>
            <option value="live">Live</option>
            <option value="deleted">Deleted</option>
          </select>
        </div>
        <FilterActions clearHref="/admin/agreements" submit="Find" clear="Clear" />
      </form>
      <ListSummary total={result.total} noun="agreement" page={result.page} pages={result.pages} />
      <div className="table-wrap" role="region" aria-label="Agreements" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Agreement</th>
              <th scope="col">Signed</th>
              <th scope="col">Commitments</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((a) => (
              <tr key={a.id} data-testid="admin-agreement-row">
                <td>
                  <Link href={`/admin/agreements/${a.id}`}>{a.title}</Link>
                  <div className="meta-line">
                    {a.kind} · /agreements/{a.slug}
                  </div>
                </td>
                <td>{a.signedOn ? <DateText date={a.signedOn} /> : "—"}</td>
                <td>{a.commitments}</td>
                <td>{a.deletedAt ? "Deleted" : "Live"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListPager
        page={result.page}
        pages={result.pages}
        href={(page) => listHref("/admin/agreements", current, { page })}
      />
    </>
  );
}
