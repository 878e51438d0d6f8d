import Link from "next/link";
import type { ReactNode } from "react";

import { signOutAction } from "@/app/staff/sign-out";
import { requireRole } from "@/auth/require";

export const dynamic = "force-dynamic";

/** The admin area. Every admin page and action checks the role again itself. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const access = await requireRole("admin", "/admin");
  return (
    <>
      <div className="staff-bar" data-testid="staff-bar">
        <div className="container">
          <span>
            Admin area · signed in as <strong>{access.user.name || access.user.email}</strong> ({access.user.role})
          </span>
          <nav aria-label="Admin">
            {access.ok ? (
              <>
                <Link href="/admin/agreements">Agreements</Link> · <Link href="/admin/users">Users</Link> ·{" "}
                <Link href="/admin/audit">Audit log</Link> ·{" "}
              </>
            ) : null}
            <Link href="/staff">Staff area</Link> ·{" "}
            <form action={signOutAction} className="inline-form">
              <button type="submit" className="link-button">
                Sign out
              </button>
            </form>
          </nav>
        </div>
      </div>
      {access.ok ? (
        children
      ) : (
        <div className="error-page" data-testid="forbidden">
          <h1>Admins only</h1>
          <p>Your account ({access.user.role}) cannot use the admin area. Ask an admin if you need to.</p>
        </div>
      )}
    </>
  );
}
