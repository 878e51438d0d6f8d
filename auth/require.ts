/**
 * Page guards for the staff and admin areas. They re-read the user (via `currentUser`), redirect a
 * viewer to sign in, and answer 403 to a signed-in user whose role is too low.
 */
import "server-only";

import { forbidden, redirect } from "next/navigation";

import type { SessionUser } from "../db/users";
import type { UserRole } from "../lib/roles";
import { currentUser } from "./actor";

/**
 * The signed-in user when their role is at least `role`. Redirects to /signin (coming back to
 * `returnTo`) when nobody is signed in; calls Next's `forbidden()` (HTTP 403, app/forbidden.tsx)
 * when signed in with a lower role.
 */
export async function requireRole(role: UserRole, returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?redirectTo=${encodeURIComponent(returnTo)}`);
  if (role === "admin" && user.role !== "admin") forbidden();
  return user;
}
