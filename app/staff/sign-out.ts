"use server";

import { signOut } from "@/auth";

/** Sign out and go to the home page. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
