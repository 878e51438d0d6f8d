/**
 * The public data access layer used by pages: each read runs on the process's connection and is
 * memoised per request with React's `cache`, so `generateMetadata` and the page share one query.
 * Returns only public fields (see the query modules).
 */
import "server-only";

import { cache } from "react";

import type { AgreementQuery } from "../lib/agreement-index";
import { getDb } from "./client";
import { listAgreementIndex, recentlyActiveAgreements } from "./queries/agreement-index";
import { getAgreementBySlug, listAgreements, liveAgreementSlugs } from "./queries/agreements";
import { loadCatalog, searchCommitmentIds } from "./queries/catalog";
import { getCommitment, latestUpdates, openDeadlines } from "./queries/commitments";

export const loadAgreements = cache(() => listAgreements(getDb()));
export const loadAgreementSlugs = cache(() => liveAgreementSlugs(getDb()));
export const loadAgreement = cache((slug: string) => getAgreementBySlug(getDb(), slug));
export const loadCommitment = cache((id: number) => getCommitment(getDb(), id));
export const loadOpenDeadlines = cache((today: string) => openDeadlines(getDb(), today));
export const loadLatestUpdates = cache((limit: number) => latestUpdates(getDb(), limit));
export const loadCatalogRows = cache(() => loadCatalog(getDb()));
export const searchIds = cache((q: string) => searchCommitmentIds(getDb(), q));
export const loadAgreementIndex = cache((query: AgreementQuery) => listAgreementIndex(getDb(), query));
export const loadRecentlyActive = cache((limit: number) => recentlyActiveAgreements(getDb(), limit));
