"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { sessionUserId } from "@/auth/actor";
import { type FormState, refusedState } from "@/components/form-state";
import { getDb } from "@/db/client";
import { commitImport } from "@/db/mutations/import-commit";
import { acceptUnflagged, decideCandidates, updateCandidate } from "@/db/mutations/import-review";
import { mergeCandidates, splitCandidate } from "@/db/mutations/import-spans";
import { REVIEW_GROUPS, runAgreementId } from "@/db/queries/import";
import { asFormData, formDataToObject } from "@/lib/form-data";

// Each action re-checks the caller through its write verb (role, zod, one transaction with audit).
// On success it goes back to the run's page, the list group and page the form was sent from
// (`show`, `page`), at the candidate it changed.

function back(formData: FormData, runId: number, done: string, anchor: number | null, extra = ""): never {
  const f = formDataToObject(formData);
  const agreementId = runAgreementId(getDb(), runId);
  const q = new URLSearchParams({ run: String(runId) });
  const show = typeof f.show === "string" && (REVIEW_GROUPS as readonly string[]).includes(f.show) ? f.show : "";
  if (show && show !== "all") q.set("show", show);
  const page = typeof f.page === "string" && /^[1-9][0-9]{0,5}$/.test(f.page) ? f.page : "";
  if (page && page !== "1") q.set("page", page);
  q.set("done", done);
  revalidatePath(`/admin/agreements/${agreementId}/import`);
  redirect(`/admin/agreements/${agreementId}/import?${q}${extra}${anchor ? `#candidate-${anchor}` : ""}`);
}

function values(formData: FormData) {
  return { ...formDataToObject(formData), parties: asFormData(formData).getAll("parties").map(String) };
}

/** Accept, reject or undo the decision of one candidate (or of the ones ticked). */
export async function decideAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = {
    ...formDataToObject(formData),
    candidateIds: asFormData(formData).getAll("candidateIds").map(String),
  };
  const result = decideCandidates(getDb(), await sessionUserId(), input);
  if (result.ok) back(formData, result.data.runId, "decided", Number(input.candidateIds[0]) || null);
  return refusedState(prev, result, input);
}

/** Accept every undecided pledge that carries no flag. */
export async function acceptUnflaggedAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = formDataToObject(formData);
  const result = acceptUnflagged(getDb(), await sessionUserId(), input);
  if (result.ok) back(formData, result.data.runId, "accepted", null, `&n=${result.data.accepted}`);
  return refusedState(prev, result, input);
}

/** Save the edits of one candidate. */
export async function updateCandidateAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = values(formData);
  const result = updateCandidate(getDb(), await sessionUserId(), input);
  if (result.ok)
    back(formData, result.data.runId, result.data.unchanged ? "unchanged" : "saved", result.data.candidateId);
  return refusedState(prev, result, input);
}

/** Split one candidate in two. */
export async function splitAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = formDataToObject(formData);
  const result = splitCandidate(getDb(), await sessionUserId(), input);
  if (result.ok) back(formData, result.data.runId, "split", result.data.candidateIds[0] ?? null);
  return refusedState(prev, result, input);
}

/** Merge a candidate with the next one. */
export async function mergeAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = formDataToObject(formData);
  const result = mergeCandidates(getDb(), await sessionUserId(), input);
  if (result.ok) back(formData, result.data.runId, "merged", result.data.candidateIds[0] ?? null);
  return refusedState(prev, result, input);
}

/** Create the commitments of the accepted candidates (a batch of them: db/mutations/import-commit.ts). */
export async function commitAction(prev: FormState, formData: FormData): Promise<FormState> {
  const input = formDataToObject(formData);
  const result = commitImport(getDb(), await sessionUserId(), input);
  if (result.ok) {
    revalidatePath("/", "layout");
    back(
      formData,
      result.data.runId,
      "committed",
      null,
      `&n=${result.data.created.length}&skipped=${result.data.skipped.length}${result.data.remaining ? `&left=${result.data.remaining}` : ""}`,
    );
  }
  return refusedState(prev, result, input);
}
