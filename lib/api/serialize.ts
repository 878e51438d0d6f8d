/**
 * Turns the app's read models into the JSON API's shapes (lib/api/schemas.ts). Pure; every URL is
 * absolute, built on the request's origin.
 */
import type { z } from "zod";

import type { AgreementApiPage } from "../../db/queries/agreement-api";
import type { AgreementSummary } from "../../db/queries/agreements";
import type { AnchorRef } from "../../db/queries/source-documents";
import type { CommitmentDetail } from "../../db/queries/commitments";
import type { CalendarDate } from "../calendar-date";
import { type CatalogRow, dueOn, overdueOn, PAGE_SIZE } from "../commitment-list";
import { freshness } from "../freshness";
import { SOURCE_DOCUMENT_KIND_LABELS } from "../source-documents";
import { passageHash, sourceHash } from "../source-passages";
import { statusLabel } from "../status";
import type {
  ZApiAgreementDetail,
  ZApiAgreementSummary,
  ZApiAnchor,
  ZApiCommitment,
  ZApiCommitmentDetail,
} from "./schemas";

/**
 * The paging fields of a list response's `meta`. A page past the last is answered with the last page
 * (`page`), and `pastLastPage` says so, as the HTML lists do ("There is no page 99 …").
 * @param requested the page asked for; `page` the page served; `pages` ≥ 1; `pageSize` rows a page
 */
export function pagingMeta(requested: number, page: number, pages: number, pageSize: number) {
  return { page, pages, pageSize, requestedPage: requested, pastLastPage: requested > pages };
}

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

/** A commitment's anchor in the API, with the URL of its passage on the agreement page. */
function anchorJson(
  anchor: AnchorRef | null,
  commitmentId: number,
  slug: string,
  origin: string,
): z.infer<typeof ZApiAnchor> | null {
  if (!anchor) return null;
  const hash = anchor.start === null ? sourceHash(anchor.sourceDocumentId) : passageHash(commitmentId);
  return { ...anchor, passageUrl: `${origin}/agreements/${slug}#${hash}` };
}

/**
 * The agreement document of the API with one page of its commitments (`page.list`): `meta` as the
 * commitments list's (total of the agreement's live rows, paging), and links to the other pages and
 * to the commitments list filtered to the agreement (`/api/v1/commitments?agreement=<slug>`).
 */
export function agreementDetailJson(
  page: AgreementApiPage,
  requestedPage: number,
  today: CalendarDate,
  origin: string,
): z.infer<typeof ZApiAgreementDetail> {
  const { agreement: a, list, anchors } = page;
  const self = `${origin}/api/v1/agreements/${encodeURIComponent(a.slug)}`;
  const at = (n: number) => (n === 1 ? self : `${self}?page=${n}`);
  return {
    ...agreementSummaryJson(a, origin),
    summary: a.summary,
    sourceUrl: a.sourceUrl,
    commitmentList: list.rows.map((r) => ({
      ...commitmentJson(r, today, origin),
      anchor: anchorJson(anchors.get(r.id) ?? null, r.id, a.slug, origin),
    })),
    sourceDocuments: a.sourceDocuments.map((d) => ({
      ...d,
      kindLabel: SOURCE_DOCUMENT_KIND_LABELS[d.kind],
      pageUrl: `${origin}/agreements/${a.slug}#${sourceHash(d.id)}`,
    })),
    meta: { total: list.total, ...pagingMeta(requestedPage, list.page, list.pages, PAGE_SIZE) },
    links: {
      self: at(list.page),
      next: list.page < list.pages ? at(list.page + 1) : null,
      prev: list.page > 1 ? at(list.page - 1) : null,
      commitments: `${origin}/api/v1/commitments?agreement=${encodeURIComponent(a.slug)}`,
    },
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
    anchor: anchorJson(
      c.source
        ? {
            sourceDocumentId: c.source.document.id,
            start: c.source.start,
            end: c.source.end,
            fromCommentary: c.source.fromCommentary,
          }
        : null,
      c.id,
      c.agreement.slug,
      origin,
    ),
    source: c.source
      ? {
          document: { ...c.source.document, kindLabel: SOURCE_DOCUMENT_KIND_LABELS[c.source.document.kind] },
          passage: c.source.passage,
        }
      : null,
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
