"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { sessionUserId } from "@/auth/actor";
import { type FormState, refusedState } from "@/components/form-state";
import { getDb } from "@/db/client";
import { createCommitment, deleteCommitment, restoreCommitment, updateCommitment } from "@/db/mutations/commitments";
import { asFormData, formDataToObject } from "@/lib/form-data";
import { appToday } from "@/lib/today";

// Each action re-checks the caller through its write verb (role, zod, one transaction with audit).

/**
 * The form's fields; a parent typed by id (`parentIdTyped`, for a commitment past the select's
 * bounded choices) wins over the select's `parentId`; both are validated as one (db/mutations).
 */
function values(formData: FormData) {
  const fields = formDataToObject(formData);
  const typed = typeof fields.parentIdTyped === "string" ? fields.parentIdTyped.trim() : "";
  return {
    ...fields,
    ...(typed === "" ? {} : { parentId: typed }),
    parties: asFormData(formData).getAll("parties").map(String),
  };
}

function done(commitmentId: number, notice: string): never {
  revalidatePath("/", "layout");
  redirect(`/admin/commitments/${commitmentId}?done=${notice}`);
}

/** Create a commitment or milestone. */
export async function createCommitmentAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = values(formData);
  const result = createCommitment(getDb(), await sessionUserId(), input);
  if (result.ok) done(result.data.commitmentId, "created");
  return refusedState(prev, result, input);
}

/** Save a commitment's wording, placement, owner, parties and target. */
export async function updateCommitmentAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = values(formData);
  const result = updateCommitment(getDb(), await sessionUserId(), input, appToday());
  if (result.ok)
    done(result.data.commitmentId, result.data.unchanged ? "unchanged" : result.data.targetMoved ? "moved" : "saved");
  if (result.kind === "conflict") revalidatePath("/admin", "layout");
  return refusedState(prev, result, input);
}

/** Soft-delete or restore a commitment (`intent` = delete | restore). */
export async function deleteOrRestoreCommitmentAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = formDataToObject(formData);
  const verb = input.intent === "restore" ? restoreCommitment : deleteCommitment;
  const result = verb(getDb(), await sessionUserId(), input);
  if (result.ok) done(result.data.commitmentId, input.intent === "restore" ? "restored" : "deleted");
  if (result.kind === "conflict") revalidatePath("/admin", "layout");
  return refusedState(prev, result, input);
}
