/**
 * Auth.js (next-auth v5) for Accord Tracker: email + password through the Credentials provider,
 * JWT sessions (8 hours). The token carries the user id and role only as a hint: every guard re-reads
 * the user row (db/users.ts `getActiveUser`), so disabling a user or changing a role applies on the
 * next request. Initialised lazily so the secret is read (or generated beside the database) at run
 * time, never at build time.
 */
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { getDb } from "../db/client";
import { databasePath } from "../lib/env";
import { clientAddress } from "../lib/forwarded";
import type { UserRole } from "../lib/roles";
import { authenticate } from "./authenticate";
import { resolveAuthSecret } from "./config-check";

declare module "next-auth" {
  interface User {
    role?: UserRole;
  }
  interface Session {
    user: { id: string; role: UserRole; signedInAt?: number } & DefaultSession["user"];
  }
}

/** Thrown by `authorize` when the email is locked by throttling (Auth.js passes `code` to the caller). */
export class ThrottledSignin extends CredentialsSignin {
  override code = "throttled";
}

/** Thrown by `authorize` when the client address is locked by throttling. */
export class AddressThrottledSignin extends CredentialsSignin {
  override code = "throttled_address";
}

export const SESSION_MAX_AGE_S = 8 * 60 * 60;

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: resolveAuthSecret(process.env, databasePath()),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        // The address scripts/server.ts recorded for this request (never a header the client chose).
        const result = await authenticate(getDb(), credentials, { address: clientAddress(request.headers) });
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignin();
          if (result.reason === "throttled_address") throw new AddressThrottledSignin();
          return null;
        }
        return { id: String(result.user.id), email: result.user.email, name: result.user.name, role: result.user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        // When this sign-in happened (seconds); `iat` is renewed as the session is refreshed.
        token.signedInAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.role = (token.role as UserRole | undefined) ?? "editor";
      session.user.signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : undefined;
      return session;
    },
  },
  logger: {
    error(error) {
      // A wrong password is not a server fault: Auth.js logs it as CredentialsSignin; keep it out.
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
}));
