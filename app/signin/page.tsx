import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { currentUser } from "@/auth/actor";
import { safeRedirectPath } from "@/lib/redirect";

import { SignInForm } from "./signin-form";

export const metadata: Metadata = {
  title: "Sign in",
  description: "Policy staff and admins sign in to post status updates and edit agreements.",
  robots: { index: false },
};

type Props = { searchParams: Promise<{ redirectTo?: string | string[]; callbackUrl?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const raw = params.redirectTo ?? params.callbackUrl;
  const redirectTo = safeRedirectPath(Array.isArray(raw) ? raw[0] : raw);
  if (await currentUser()) redirect(redirectTo);
  return (
    <>
      <h1>Sign in</h1>
      <p className="lead">
        For policy staff and admins. Everything else on Accord Tracker is public and needs no account.
      </p>
      <SignInForm redirectTo={redirectTo} />
    </>
  );
}
