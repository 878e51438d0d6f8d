import type { Metadata } from "next";
import Link from "next/link";

import { requireRole } from "@/auth/require";
import { DateText } from "@/components/dates";
import { getDb } from "@/db/client";
import { listAgreementsForAdmin } from "@/db/queries/admin";

export const metadata: Metadata = { title: "Admin: agreements", robots: { index: false } };

export default async function AdminAgreementsPage() {
  const access = await requireRole("admin", "/admin/agreements");
  if (!access.ok) return null;
  const rows = listAgreementsForAdmin(getDb());
  return (
    <>
      <h1>Agreements</h1>
      <p>
        <Link href="/admin/agreements/new" className="button">
          New agreement
        </Link>
      </p>
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
            {rows.map((a) => (
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
    </>
  );
}
