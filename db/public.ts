/**
 * The public data access layer used by pages: each read runs on the process's connection and is
 * memoised per request with React's `cache`, so `generateMetadata` and the page share one query.
 * Returns only public fields (see the query modules).
 */
import "server-only";

import { cache } from "react";

import type { AgreementQuery } from "../lib/agreement-index";
import type { DeadlineGroup } from "../lib/deadline-groups";
import { getDb } from "./client";
import { listAgreementIndex, recentlyActiveAgreements } from "./queries/agreement-index";
import { agreementPage } from "./queries/agreement-page";
import { agreementRecord, getAgreementBySlug, openWithoutTargetCount } from "./queries/agreements";
import { compareChanges, type CompareQuery } from "./queries/compare";
import { deadlineCounts, deadlineRows, deadlinesSpanAgreements } from "./queries/deadlines";
import { getCommitment, latestUpdates, openDeadlines } from "./queries/commitments";
import {
  agreementTitles,
  someAgreementTitles,
  iterateCommitmentList,
  queryCommitmentList,
  rolledProgress,
  statusBreakdown,
} from "./queries/list";
import { agreementExists } from "./queries/shared";
import { type CatalogRow, type ListQuery, listQuerySchema } from "../lib/commitment-list";

/** Open top-level commitments of every agreement without a target date (one count). */
export const loadOpenWithoutTarget = cache(() => openWithoutTargetCount(getDb()));
/** True when a live agreement has this slug: one indexed lookup per slug, memoised per request. */
const loadAgreementExists = cache((slug: string) => agreementExists(getDb(), slug));
/**
 * The live agreements as `listQuerySchema`'s `agreements` option wants them (`has(slug)`), checked
 * one slug at a time (`agreementExists`) instead of reading every slug.
 */
export const knownAgreements = { has: (slug: string) => loadAgreementExists(slug) } as const;
/** One agreement with its whole commitment tree (the API's document, the as-of replay). */
export const loadAgreement = cache((slug: string) => getAgreementBySlug(getDb(), slug));
/** The agreement row with its parties and counts, without its commitments (titles, metadata, feeds). */
export const loadAgreementRecord = cache((slug: string) => agreementRecord(getDb(), slug));
/** The agreement page today: one page of its table, its charts and figures (db/queries/agreement-page.ts). */
export const loadAgreementPage = cache((slug: string, page: number, today: string) =>
  agreementPage(getDb(), slug, page, today),
);
export const loadCommitment = cache((id: number) => getCommitment(getDb(), id));
export const loadOpenDeadlines = cache((today: string, limit: number) => openDeadlines(getDb(), today, limit));
export const loadLatestUpdates = cache((limit: number) => latestUpdates(getDb(), limit));
/** Open rows per deadline group on `today`, by level (db/queries/deadlines.ts). */
export const loadDeadlineCounts = cache((today: string) => deadlineCounts(getDb(), today));
/** `limit` rows of one deadline group from `offset`, in the page's order. */
export const loadDeadlineRows = cache((group: DeadlineGroup, today: string, limit: number, offset: number) =>
  deadlineRows(getDb(), group, today, limit, offset),
);
/** One page of what changed between two dates (db/queries/compare.ts), with the total by level. */
export const loadCompare = cache((query: CompareQuery, page: number, pageSize: number) =>
  compareChanges(getDb(), query, page, pageSize),
);
/** True when the open rows belong to more than one agreement. */
export const loadDeadlinesSpanAgreements = cache(() => deadlinesSpanAgreements(getDb()));
/** One page of the commitment list with its counts, in SQL (db/queries/list.ts). */
export const loadCommitmentList = cache((query: ListQuery, today: string, facets: boolean) =>
  queryCommitmentList(getDb(), query, today, undefined, { facets }),
);
/** Slug and title of every live agreement with a live commitment, for the list's agreement filter. */
export const loadAgreementTitles = (slugs: readonly string[]) => agreementTitles(getDb(), slugs);
export const loadSomeAgreementTitles = cache((limit: number) => someAgreementTitles(getDb(), limit));
/** The catalog rows (with history) of one agreement, as they are today: one agreement's rows only. */
export const loadAgreementCatalog = cache((slug: string, today: string): CatalogRow[] => [
  ...iterateCommitmentList(getDb(), listQuerySchema(today).parse({ agreement: slug }), today, undefined, {
    history: true,
  }),
]);
/** Top-level commitments of every agreement by theme or owner and status (the home page's charts). */
export const loadStatusBreakdown = cache((by: "theme" | "owner") => statusBreakdown(getDb(), by));
/** Roll-up progress (lib/progress.ts) of a few commitments, from their milestones. */
export const loadRolledProgress = (ids: readonly number[]) => rolledProgress(getDb(), ids);
export const loadAgreementIndex = cache((query: AgreementQuery) => listAgreementIndex(getDb(), query));
export const loadRecentlyActive = cache((limit: number) => recentlyActiveAgreements(getDb(), limit));
