"use server";

import { AuthError, CredentialsSignin } from "next-auth";

import { signIn } from "@/auth";
import { asFormData } from "@/lib/form-data";
import { safeRedirectPath } from "@/lib/redirect";

import {
  GENERIC_SIGN_IN_ERROR,
  type SignInState,
  THROTTLED_ADDRESS_SIGN_IN_ERROR,
  THROTTLED_SIGN_IN_ERROR,
} from "./state";

/** Sign in with email and password; redirects to a same-site `redirectTo` (default /staff) on success. */
export async function signInAction(_prev: SignInState, input: FormData): Promise<SignInState> {
  const formData = asFormData(input);
  const email = String(formData.get("email") ?? "").slice(0, 320);
  const password = String(formData.get("password") ?? "");
  const redirectTo = safeRedirectPath(formData.get("redirectTo"));
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    // signIn() throws a redirect on success: only Auth.js errors are handled here.
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      return { error: THROTTLED_SIGN_IN_ERROR, email };
    }
    if (error instanceof CredentialsSignin && error.code === "throttled_address") {
      return { error: THROTTLED_ADDRESS_SIGN_IN_ERROR, email };
    }
    if (error instanceof AuthError) return { error: GENERIC_SIGN_IN_ERROR, email };
    throw error;
  }
  return { error: null, email };
}
