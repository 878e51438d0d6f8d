import type { Metadata } from "next";
import Link from "next/link";

import { requireRole } from "@/auth/require";

export const metadata: Metadata = { title: "Admin", robots: { index: false } };

export default async function AdminHome() {
  const access = await requireRole("admin", "/admin");
  if (!access.ok) return null;
  return (
    <>
      <h1>Admin</h1>
      <ul className="plain-list">
        <li>
          <Link href="/admin/agreements">Agreements</Link> — create, edit, delete and restore agreements, commitments
          and milestones
        </li>
        <li>
          <Link href="/admin/users">Users</Link> — create accounts, set roles, disable, reset passwords
        </li>
        <li>
          <Link href="/admin/audit">Audit log</Link> — every change with its before and after, by entity and actor
        </li>
        <li>
          <Link href="/staff">Staff area</Link> — post status updates and evidence
        </li>
      </ul>
    </>
  );
}
