import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requireRole } from "@/auth/require";
import { StatusBadge } from "@/components/status-badge";
import { getDb } from "@/db/client";
import { getAgreementForAdmin, listParties } from "@/db/queries/admin";
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

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> };

export default async function EditAgreementPage({ params, searchParams }: Props) {
  const { id: raw } = await params;
  await requireRole("admin", `/admin/agreements/${raw}`);
  const id = parseRowId(raw);
  const db = getDb();
  const data = id === null ? null : getAgreementForAdmin(db, id);
  if (!data) notFound();
  const { agreement: a, partyCodes, commitments } = data;
  const { done } = await searchParams;

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

      <h2>Commitments ({commitments.filter((c) => !c.deletedAt && !c.underDeleted).length})</h2>
      <p>
        <Link href={`/admin/commitments/new?agreement=${a.id}`}>Add a commitment</Link>
        {a.deletedAt ? null : (
          <>
            {" · "}
            <Link href={`/admin/agreements/${a.id}/import`}>Import commitments from a text</Link>
          </>
        )}
      </p>
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
            {commitments.map((c) => (
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
