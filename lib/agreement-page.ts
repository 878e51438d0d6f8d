/**
 * Rules of the public agreement page that do not depend on where its rows come from: how the
 * commitment table is paged (top-level commitments grouped by theme, themes in the order of their
 * first commitment, a page holding `AGREEMENT_PAGE_SIZE` top-level commitments with all their
 * milestones), and which theme or owner bars its charts show. `db/queries/agreement-page.ts` reads
 * today's page in SQL by these rules; the as-of view applies them to the agreement's replayed tree.
 */
import type { AgreementCommitment, AgreementDetail } from "../db/queries/agreements";
import type { AnchorRef } from "../db/queries/source-documents";
import { z } from "zod";

import type { CalendarDate } from "./calendar-date";
import { summariseAgreement } from "./agreement-summary";
import { pageParam } from "./agreement-index";
import { caseBlind } from "./commitment-list";
import type { Status } from "./status";

/** Top-level commitments per page of an agreement page's table (their milestones come with them). */
export const AGREEMENT_PAGE_SIZE = 50;

/** Theme or owner bars an agreement page's chart shows (the rest are counted under it). */
export const AGREEMENT_CHART_KEYS = 15;

export interface TablePage {
  /** 1-based page shown (clamped to `pages`) */
  page: number;
  pages: number;
  /** top-level commitments of the agreement */
  total: number;
  /** 1-based position of the first and last top-level commitment shown (0 and 0 when none) */
  first: number;
  last: number;
  /** true when the page asked for was past the last (the last is shown) */
  clamped: boolean;
}

/** Which page of `total` top-level commitments to show for a requested page (≥ 1; past the end → last). */
export function tablePage(requested: number, total: number, perPage = AGREEMENT_PAGE_SIZE): TablePage {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pages);
  const first = total === 0 ? 0 : (page - 1) * perPage + 1;
  return { page, pages, total, first, last: Math.min(total, page * perPage), clamped: requested > pages };
}

export interface ThemeCount {
  theme: string;
  /** top-level commitments of the agreement with that theme (all pages) */
  count: number;
}

/**
 * Top-level items (in agreement order) in table order: grouped by theme, themes in the order of
 * their first item, items in their order within a theme. Returns the order and each theme's count.
 */
export function tableOrder<T extends { theme: string }>(items: readonly T[]): { ordered: T[]; themes: ThemeCount[] } {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.theme);
    if (group) group.push(item);
    else groups.set(item.theme, [item]);
  }
  return {
    ordered: [...groups.values()].flat(),
    themes: [...groups].map(([theme, list]) => ({ theme, count: list.length })),
  };
}

export interface KeyStatusCount {
  /** the theme or owner as stored ("" for none) */
  key: string;
  status: Status;
  count: number;
}

/**
 * The bars of a theme or owner chart from counts per key and status: spellings that differ in ASCII
 * case only merged under the one with the most commitments (then the first in code-unit order), as
 * the list's filter is case-blind and the home page's charts do; the `limit` keys with the most
 * commitments (ties by key), and how many keys there are in all.
 */
export function chartKeys(
  counts: readonly KeyStatusCount[],
  limit = AGREEMENT_CHART_KEYS,
): { rows: KeyStatusCount[]; keys: number } {
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(c.key, (totals.get(c.key) ?? 0) + c.count);
  const label = new Map<string, string>();
  const byBlind = new Map<string, string[]>();
  for (const key of totals.keys()) byBlind.set(caseBlind(key), [...(byBlind.get(caseBlind(key)) ?? []), key]);
  for (const spellings of byBlind.values()) {
    const [best] = [...spellings].sort((a, b) => totals.get(b)! - totals.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
    for (const s of spellings) label.set(s, best!);
  }
  const merged = new Map<string, Map<Status, number>>();
  for (const c of counts) {
    const key = label.get(c.key)!;
    const byStatus = merged.get(key) ?? new Map<Status, number>();
    byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + c.count);
    merged.set(key, byStatus);
  }
  const sum = (m: Map<Status, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const top = [...merged]
    .sort((a, b) => sum(b[1]) - sum(a[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit);
  return {
    rows: top.flatMap(([key, m]) => [...m].map(([status, count]) => ({ key, status, count }))),
    keys: merged.size,
  };
}

/** A live commitment of the agreement whose words are anchored in one of its source documents. */
export interface PassageSource {
  id: number;
  ref: string;
  title: string;
  anchor: AnchorRef;
}

/** What the agreement page shows: today's from `db/queries/agreement-page.ts`, as of a date from `agreementPageOf`. */
export interface AgreementPageData {
  /** the agreement; `commitments` holds the page's top-level commitments in table order */
  agreement: AgreementDetail;
  table: TablePage;
  /** every theme of the agreement's top-level commitments in table order, with its count */
  themes: ThemeCount[];
  /** chart bars (`chartKeys`) and how many keys there are */
  byTheme: { rows: KeyStatusCount[]; keys: number };
  byOwner: { rows: KeyStatusCount[]; keys: number };
  /** top-level commitments overdue on the page's day, and with a progress figure (own or rolled up) */
  overdue: number;
  withProgress: number;
  /** commitments (milestones included) anchored by offsets in a shown source document */
  passages: PassageSource[];
}

/**
 * The page data of a whole agreement tree held in memory (the as-of view replays one agreement's
 * history, lib/agreement-summary.ts `agreementAsOf`): the same rules as the SQL reader, applied to
 * `detail.commitments` (every top-level commitment, agreement order) on `day`.
 */
export function agreementPageOf(
  detail: AgreementDetail,
  page: number,
  day: CalendarDate,
  perPage = AGREEMENT_PAGE_SIZE,
): AgreementPageData {
  const top = detail.commitments;
  const table = tablePage(page, top.length, perPage);
  const { ordered, themes } = tableOrder(top);
  const counts = (key: (c: AgreementCommitment) => string) =>
    chartKeys(top.map((c) => ({ key: key(c), status: c.status, count: 1 })));
  const passages: PassageSource[] = [];
  const visit = (c: AgreementCommitment) => {
    if (c.anchor && c.anchor.start !== null) passages.push({ id: c.id, ref: c.ref, title: c.title, anchor: c.anchor });
    c.milestones.forEach(visit);
  };
  top.forEach(visit);
  const { overdue, withProgress } = summariseAgreement(top, day);
  const figures = { overdue, withProgress };
  return {
    agreement: { ...detail, commitments: ordered.slice((table.page - 1) * perPage, table.page * perPage) },
    table,
    themes,
    byTheme: counts((c) => c.theme),
    byOwner: counts((c) => c.owner),
    ...figures,
    passages,
  };
}

/** `?page=` of the agreement page's table: a page number from 1 (the lists' rule, lib/agreement-index.ts). */
export const tablePageQuerySchema = z.object({ page: pageParam });
