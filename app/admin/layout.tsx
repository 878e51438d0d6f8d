import Link from "next/link";
import type { ReactNode } from "react";

import { signOutAction } from "@/app/staff/sign-out";
import { requireRole } from "@/auth/require";

export const dynamic = "force-dynamic";

/**
 * The admin area. A signed-in editor gets HTTP 403 and app/forbidden.tsx (`requireRole` calls
 * `forbidden()`); every admin page and action checks the role again itself.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireRole("admin", "/admin");
  return (
    <>
      <div className="staff-bar" data-testid="staff-bar">
        <div className="container">
          <span>
            Admin area · signed in as <strong>{user.name || user.email}</strong> ({user.role})
          </span>
          <nav aria-label="Admin">
            <Link href="/admin/agreements">Agreements</Link> · <Link href="/admin/users">Users</Link> ·{" "}
            <Link href="/admin/audit">Audit log</Link> · <Link href="/staff">Staff area</Link> ·{" "}
            <form action={signOutAction} className="inline-form">
              <button type="submit" className="link-button">
                Sign out
              </button>
            </form>
          </nav>
        </div>
      </div>
      {children}
    </>
  );
}
