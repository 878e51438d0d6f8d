"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { sessionUserId } from "@/auth/actor";
import { type FormState, refusedState } from "@/components/form-state";
import { getDb } from "@/db/client";
import { addEvidence, removeEvidence, restoreEvidence } from "@/db/mutations/evidence";
import { postStatusUpdate } from "@/db/mutations/status-updates";
import { formDataToObject } from "@/lib/form-data";
import { appToday } from "@/lib/today";

// Each action is a public POST endpoint: the write verb it calls checks the role (re-reading the
// user), parses the input with zod and writes the change and its audit row in one transaction.

function afterWrite(commitmentId: number, notice: string): never {
  // Every public surface shows the new state at once; this also clears the browser's router cache.
  revalidatePath("/", "layout");
  redirect(`/staff/commitments/${commitmentId}?done=${notice}`);
}

/** Post a status update from the staff form. */
export async function postStatusUpdateAction(prev: FormState, formData: FormData): Promise<FormState> {
  const values = formDataToObject(formData);
  const result = postStatusUpdate(getDb(), await sessionUserId(), values, appToday());
  if (result.ok) afterWrite(result.data.commitmentId, "posted");
  if (result.kind === "conflict") revalidatePath("/", "layout");
  return refusedState(prev, result, values);
}

/** Add one evidence link to a commitment. */
export async function addEvidenceAction(prev: FormState, formData: FormData): Promise<FormState> {
  const values = formDataToObject(formData);
  const result = addEvidence(getDb(), await sessionUserId(), values, appToday());
  if (result.ok) afterWrite(result.data.commitmentId, "evidence-added");
  if (result.kind === "conflict") revalidatePath("/", "layout");
  return refusedState(prev, result, values);
}

/** Remove (soft-delete) one evidence link of a commitment. */
export async function removeEvidenceAction(prev: FormState, formData: FormData): Promise<FormState> {
  const values = formDataToObject(formData);
  const result = removeEvidence(getDb(), await sessionUserId(), values);
  if (result.ok) afterWrite(result.data.commitmentId, "evidence-removed");
  if (result.kind === "conflict") revalidatePath("/", "layout");
  return refusedState(prev, result, values);
}

/** Restore a removed evidence link (admins). */
export async function restoreEvidenceAction(prev: FormState, formData: FormData): Promise<FormState> {
  const values = formDataToObject(formData);
  const result = restoreEvidence(getDb(), await sessionUserId(), values);
  if (result.ok) afterWrite(result.data.commitmentId, "evidence-restored");
  if (result.kind === "conflict") revalidatePath("/", "layout");
  return refusedState(prev, result, values);
}
