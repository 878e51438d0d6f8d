/**
 * Page guards for the staff and admin areas. They re-read the user (via `currentUser`), redirect a
 * viewer to sign in, and tell a signed-in user whose role is too low.
 */
import "server-only";

import { redirect } from "next/navigation";

import type { SessionUser } from "../db/users";
import type { UserRole } from "../lib/roles";
import { currentUser } from "./actor";

export type PageAccess = { ok: true; user: SessionUser } | { ok: false; user: SessionUser };

/**
 * The signed-in user when their role is at least `role`; `{ ok: false }` when signed in with a lower
 * role. Redirects to /signin (coming back to `returnTo`) when nobody is signed in.
 */
export async function requireRole(role: UserRole, returnTo: string): Promise<PageAccess> {
  const user = await currentUser();
  if (!user) redirect(`/signin?redirectTo=${encodeURIComponent(returnTo)}`);
  if (role === "admin" && user.role !== "admin") return { ok: false, user };
  return { ok: true, user };
}
