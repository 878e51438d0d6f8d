import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requireRole } from "@/auth/require";
import { StatusBadge } from "@/components/status-badge";
import { getDb } from "@/db/client";
import { FilterActions, ListPager, ListSummary, PastLastPage, QueryErrors } from "@/components/list-pager";
import { getAgreementForAdmin, listParties } from "@/db/queries/admin";
import { adminAgreementCommitmentPage, adminAgreementCommitmentsQuerySchema } from "@/db/queries/lists";
import { parseListQuery } from "@/lib/agreement-index";
import { rawQuery } from "@/lib/commitment-list";
import { parseRowId } from "@/lib/ids";
import { DoneNotice } from "@/components/done-notice";
import { Breadcrumb } from "@/components/breadcrumb";

import { AgreementForm, DeleteAgreementForm } from "../agreement-form";

export const metadata: Metadata = { title: "Admin: edit agreement", robots: { index: false } };

const NOTICES: Record<string, string> = {
  created: "Agreement created. Add its commitments below.",
  saved: "Agreement saved.",
  unchanged: "No changes to save.",
  deleted: "Agreement deleted: it no longer shows on public pages. You can restore it.",
  restored: "Agreement restored.",
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EditAgreementPage({ params, searchParams }: Props) {
  const { id: raw } = await params;
  const access = await requireRole("admin", `/admin/agreements/${raw}`);
  if (!access.ok) return null;
  const id = parseRowId(raw);
  const db = getDb();
  const data = id === null ? null : getAgreementForAdmin(db, id);
  if (!data) notFound();
  const { agreement: a, partyCodes } = data;
  const search = rawQuery(await searchParams);
  const done = search.done;
  const { query, errors } = parseListQuery(
    adminAgreementCommitmentsQuerySchema,
    Object.fromEntries(Object.entries(search).filter(([key]) => key === "q" || key === "page")),
  );
  const list = adminAgreementCommitmentPage(db, a.id, query);
  const here = `/admin/agreements/${a.id}`;
  const href = (page: number) =>
    `${here}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(page > 1 ? { page: String(page) } : {}) })}#commitments`;

  return (
    <>
      <Breadcrumb items={[{ href: "/admin/agreements", label: "Agreements" }, { label: a.slug }]} />
      <h1>{a.title}</h1>
      <DoneNotice done={done} notices={NOTICES} />
      {a.deletedAt ? (
        <p className="banner banner--warning">This agreement is deleted: it is hidden from every public page.</p>
      ) : (
        <p>
          <Link href={`/agreements/${a.slug}`}>Public page</Link>
        </p>
      )}

      <h2 id="commitments">Commitments ({list.shown})</h2>
      <p>
        <Link href={`/admin/commitments/new?agreement=${a.id}`}>Add a commitment</Link>
        {a.deletedAt ? null : (
          <>
            {" · "}
            <Link href={`/admin/agreements/${a.id}/import`}>Import commitments from a text</Link>
          </>
        )}
      </p>
      <QueryErrors errors={errors} />
      <form
        method="get"
        action={`${here}#commitments`}
        className="list-filters"
        role="search"
        aria-label="Find commitments"
      >
        <label htmlFor="commitment-words">Words in the title or number</label>{" "}
        <input id="commitment-words" name="q" type="search" defaultValue={query.q ?? ""} maxLength={200} />{" "}
        <FilterActions clearHref={`${here}#commitments`} submit="Find" clear="Clear" />
      </form>
      <PastLastPage asked={query.page} page={list.page} pages={list.pages} />
      <ListSummary total={list.total} noun="commitment" page={list.page} pages={list.pages} />
      <div className="table-wrap" role="region" aria-label="Commitments" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col" className="ref">
                #
              </th>
              <th scope="col">Commitment</th>
              <th scope="col">Status</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((c) => (
              <tr key={c.id} className={c.deletedAt ? "deleted-row" : undefined} data-testid="admin-commitment-row">
                <td className="ref">{c.ref}</td>
                <td>
                  {c.parentId !== null ? <span className="muted">↳ milestone · </span> : null}
                  <Link href={`/admin/commitments/${c.id}`}>{c.title}</Link>
                </td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td>{c.deletedAt ? "Deleted" : c.underDeleted ? "Hidden: its commitment is deleted" : "Live"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListPager page={list.page} pages={list.pages} href={href} label="Pages of commitments" />

      <h2>Facts and parties</h2>
      <AgreementForm
        allParties={listParties(db)}
        initial={{
          agreementId: a.id,
          updatedAt: a.updatedAt,
          slug: a.slug,
          title: a.title,
          kind: a.kind,
          signedOn: a.signedOn ?? "",
          place: a.place ?? "",
          summary: a.summary,
          sourceUrl: a.sourceUrl ?? "",
          parties: partyCodes,
        }}
      />
      <h2>{a.deletedAt ? "Restore" : "Delete"}</h2>
      <DeleteAgreementForm agreementId={a.id} deleted={a.deletedAt !== null} />
    </>
  );
}
