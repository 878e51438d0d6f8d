"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { sessionUserId } from "@/auth/actor";
import { type FormState, refusedState } from "@/components/form-state";
import { getDb } from "@/db/client";
import { createAgreement, deleteAgreement, restoreAgreement, updateAgreement } from "@/db/mutations/agreements";
import { asFormData, formDataToObject } from "@/lib/form-data";
import { appToday } from "@/lib/today";

// Each action re-checks the caller through its write verb (role, zod, one transaction with audit).

function values(formData: FormData) {
  return { ...formDataToObject(formData), parties: asFormData(formData).getAll("parties").map(String) };
}

function done(agreementId: number, notice: string): never {
  revalidatePath("/", "layout");
  redirect(`/admin/agreements/${agreementId}?done=${notice}`);
}

/** Create an agreement from the admin form. */
export async function createAgreementAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = values(formData);
  const result = createAgreement(getDb(), await sessionUserId(), input, appToday());
  if (result.ok) done(result.data.agreementId, "created");
  return refusedState(prev, result, input);
}

/** Save an agreement's facts and parties. */
export async function updateAgreementAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = values(formData);
  const result = updateAgreement(getDb(), await sessionUserId(), input, appToday());
  if (result.ok) done(result.data.agreementId, result.data.unchanged ? "unchanged" : "saved");
  if (result.kind === "conflict") revalidatePath("/admin", "layout");
  return refusedState(prev, result, input);
}

/** Soft-delete or restore an agreement (`intent` = delete | restore). */
export async function deleteOrRestoreAgreementAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = formDataToObject(formData);
  const verb = input.intent === "restore" ? restoreAgreement : deleteAgreement;
  const result = verb(getDb(), await sessionUserId(), input);
  if (result.ok) done(result.data.agreementId, input.intent === "restore" ? "restored" : "deleted");
  return refusedState(prev, result, input);
}
