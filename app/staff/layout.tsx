import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";

import { currentUser } from "@/auth/actor";

import { signOutAction } from "./sign-out";

export const dynamic = "force-dynamic";

/** The staff area: only signed-in, active users (pages re-check, as every layout can be skipped). */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin?redirectTo=/staff");
  return (
    <>
      <div className="staff-bar" data-testid="staff-bar">
        <div className="container">
          <span>
            Staff area · signed in as <strong>{user.name || user.email}</strong> ({user.role})
          </span>
          <span>
            <Link href="/staff">Commitments to update</Link> ·{" "}
            {user.role === "admin" ? (
              <>
                <Link href="/admin">Admin</Link> ·{" "}
              </>
            ) : null}
            <form action={signOutAction} className="inline-form">
              <button type="submit" className="link-button">
                Sign out
              </button>
            </form>
          </span>
        </div>
      </div>
      {children}
    </>
  );
}
