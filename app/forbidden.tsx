import type { Metadata } from "next";
import Link from "next/link";

import { signOutAction } from "@/app/staff/sign-out";
import { currentUser } from "@/auth/actor";

export const metadata: Metadata = { title: "Admins only", robots: { index: false } };

/**
 * What `forbidden()` renders, with HTTP 403 (experimental.authInterrupts in next.config.ts). Its one
 * caller is auth/require.ts `requireRole("admin", …)`: a signed-in editor opening /admin or a page
 * under it.
 */
export default async function Forbidden() {
  const user = await currentUser();
  return (
    <div className="error-page" data-testid="forbidden">
      <h1>Admins only</h1>
      <p>Your account{user ? ` (${user.role})` : ""} cannot use the admin area. Ask an admin if you need to.</p>
      <p>
        <Link href="/staff">Go to the staff area</Link>
      </p>
      <form action={signOutAction}>
        <button type="submit" className="link-button">
          Sign out
        </button>
      </form>
    </div>
  );
}
