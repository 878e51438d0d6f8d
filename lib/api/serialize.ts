/**
 * Turns the app's read models into the JSON API's shapes (lib/api/schemas.ts). Pure; every URL is
 * absolute, built on the request's origin.
 */
import type { z } from "zod";

import type { AgreementDetail, AgreementSummary } from "../../db/queries/agreements";
import type { CommitmentDetail } from "../../db/queries/commitments";
import type { CalendarDate } from "../calendar-date";
import { type CatalogRow, dueOn, overdueOn } from "../commitment-list";
import { freshness } from "../freshness";
import { statusLabel } from "../status";
import type { ZApiAgreementDetail, ZApiAgreementSummary, ZApiCommitment, ZApiCommitmentDetail } from "./schemas";

export function agreementSummaryJson(a: AgreementSummary, origin: string): z.infer<typeof ZApiAgreementSummary> {
  return {
    slug: a.slug,
    title: a.title,
    kind: a.kind,
    signedOn: a.signedOn,
    place: a.place,
    parties: a.parties.map((p) => ({ code: p.code, name: p.name, signatory: p.signatory })),
    commitments: a.total,
    milestones: a.milestones,
    statusCounts: a.statusCounts,
    url: `${origin}/agreements/${a.slug}`,
    apiUrl: `${origin}/api/v1/agreements/${a.slug}`,
  };
}

export function commitmentJson(r: CatalogRow, day: CalendarDate, origin: string): z.infer<typeof ZApiCommitment> {
  return {
    id: r.id,
    ref: r.ref,
    title: r.title,
    level: r.level,
    parentId: r.parentId,
    agreement: { slug: r.agreement.slug, title: r.agreement.title },
    theme: r.theme,
    strength: r.strength,
    owner: r.owner,
    parties: r.parties,
    targetDate: r.targetDate,
    targetPrecision: r.targetPrecision,
    targetPhrase: r.targetPhrase,
    status: r.status,
    statusLabel: statusLabel(r.status),
    progress: r.progress,
    overdue: overdueOn(r, day),
    dueToday: dueOn(r, day),
    lastUpdatedOn: r.lastUpdatedOn,
    stale: freshness(
      { status: r.status, lastUpdatedOn: r.lastUpdatedOn, agreementSignedOn: r.agreement.signedOn, addedOn: r.addedOn },
      day,
    ).stale,
    url: `${origin}/commitments/${r.id}`,
    apiUrl: `${origin}/api/v1/commitments/${r.id}`,
  };
}

export function agreementDetailJson(
  a: AgreementDetail,
  rows: readonly CatalogRow[],
  today: CalendarDate,
  origin: string,
): z.infer<typeof ZApiAgreementDetail> {
  return {
    ...agreementSummaryJson(a, origin),
    summary: a.summary,
    sourceUrl: a.sourceUrl,
    commitmentList: rows.map((r) => commitmentJson(r, today, origin)),
  };
}

export function commitmentDetailJson(
  c: CommitmentDetail,
  row: CatalogRow,
  today: CalendarDate,
  origin: string,
): z.infer<typeof ZApiCommitmentDetail> {
  const evidence = (e: CommitmentDetail["otherEvidence"][number]) => ({
    url: e.url,
    title: e.title,
    publisher: e.publisher,
    publishedOn: e.publishedOn,
    kind: e.kind,
  });
  return {
    ...commitmentJson(row, today, origin),
    description: c.description,
    quote: c.quote,
    // Only a fulfilled commitment has a fulfilment date; a partly fulfilled one is not fulfilled.
    fulfilledOn: c.status === "fulfilled" ? c.fulfilledOn : null,
    milestones: c.milestones.map((m) => ({
      id: m.id,
      ref: m.ref,
      title: m.title,
      status: m.status,
      progress: m.progress,
    })),
    history: c.timeline.map((u) => ({
      happenedOn: u.happenedOn,
      statusFrom: u.statusFrom,
      statusTo: u.statusTo,
      progressFrom: u.progressFrom,
      progressTo: u.progressTo,
      targetDateFrom: u.targetDateFrom,
      targetDateTo: u.targetDateTo,
      note: u.note,
      evidence: u.evidence.map(evidence),
    })),
    otherEvidence: c.otherEvidence.map(evidence),
  };
}
