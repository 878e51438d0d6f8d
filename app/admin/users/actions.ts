"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { sessionUserId } from "@/auth/actor";
import { type FormState, refusedState } from "@/components/form-state";
import { getDb } from "@/db/client";
import { createUser, disableUser, enableUser, resetUserPassword, setUserRole } from "@/db/mutations/users";
import { formDataToObject } from "@/lib/form-data";

// Each action re-checks the caller through its write verb; the password is never sent back.

function done(notice: string): never {
  revalidatePath("/admin", "layout");
  redirect(`/admin/users?done=${notice}`);
}

function withoutPassword(values: Record<string, unknown>) {
  const { password: _password, ...rest } = values;
  return rest;
}

/** Create a user. */
export async function createUserAction(prev: FormState, formData: FormData): Promise<FormState> {
  const values = formDataToObject(formData);
  const result = await createUser(getDb(), await sessionUserId(), values);
  if (result.ok) done("created");
  return refusedState(prev, result, withoutPassword(values));
}

/** Set role, disable, enable or reset the password of one user (the `intent` field says which). */
export async function updateUserAction(prev: FormState, formData: FormData): Promise<FormState> {
  const values = formDataToObject(formData);
  const db = getDb();
  const actorId = await sessionUserId();
  const intent = values.intent;
  const result =
    intent === "role"
      ? setUserRole(db, actorId, values)
      : intent === "disable"
        ? disableUser(db, actorId, values)
        : intent === "enable"
          ? enableUser(db, actorId, values)
          : intent === "password"
            ? await resetUserPassword(db, actorId, values)
            : ({ ok: false, kind: "invalid", message: "Unknown action.", fieldErrors: {} } as const);
  if (result.ok)
    done(result.data && "unchanged" in result.data && result.data.unchanged ? "unchanged" : String(intent));
  return refusedState(prev, result, withoutPassword(values));
}
