/**
 * Atom feeds of status updates (issue 4), built with the `feed` library (Atom 1.0, RFC 4287). One
 * entry per status update: its title says what changed, its content gives the note; entry ids are
 * stable tag URIs (RFC 4151) so readers never show an update twice.
 */
import escapeHtml from "escape-html";
import { Feed } from "feed";

import type { RecentUpdate } from "../db/queries/commitments";
import { type CalendarDate, formatCalendarDate } from "./calendar-date";
import { statusLabel } from "./status";

export interface FeedScope {
  /** feed title, e.g. "All updates" or the agreement's title */
  title: string;
  /** the page the feed follows (absolute) */
  pageUrl: string;
  /** the feed's own URL (absolute) */
  feedUrl: string;
  /** the feed's `updated` date while it has no entry: the agreement's date, else today */
  updatedWhenEmpty: CalendarDate;
}

/** What an update changed, in words: "In progress → Fulfilled", "Target moved …", or the status. */
export function updateHeadline(
  u: Pick<RecentUpdate, "statusFrom" | "statusTo" | "targetDateFrom" | "targetDateTo">,
): string {
  if (u.targetDateFrom !== u.targetDateTo && (u.targetDateFrom || u.targetDateTo)) {
    const from = u.targetDateFrom ? formatCalendarDate(u.targetDateFrom) : "none";
    const to = u.targetDateTo ? formatCalendarDate(u.targetDateTo) : "none";
    return `Target moved from ${from} to ${to}`;
  }
  if (u.statusFrom && u.statusFrom !== u.statusTo) return `${statusLabel(u.statusFrom)} → ${statusLabel(u.statusTo)}`;
  return statusLabel(u.statusTo);
}

/**
 * The Atom XML of `updates` (newest first). The feed names Accord Tracker as its author, so that
 * every entry has one (RFC 4287 §4.1.1 requires an author on the feed or on each entry).
 */
export function atomFeed(scope: FeedScope, updates: readonly RecentUpdate[], origin: string): string {
  const host = new URL(origin).hostname;
  const newest = updates[0];
  const feed = new Feed({
    title: `${scope.title} · Accord Tracker`,
    description: "Dated status updates of international commitments",
    id: scope.feedUrl,
    link: scope.pageUrl,
    language: "en",
    updated: new Date(`${newest?.happenedOn ?? scope.updatedWhenEmpty}T00:00:00Z`),
    author: { name: "Accord Tracker", link: `${origin}/` },
    copyright: "Accord Tracker",
    feedLinks: { atom: scope.feedUrl },
    generator: "Accord Tracker",
  });
  for (const u of updates) {
    const link = `${origin}/commitments/${u.commitment.id}`;
    // The feed library marks titles, summaries and content as type="html"; ours are plain text, so
    // they are escaped (a note such as "a < b & <script>" must reach a reader as text).
    feed.addItem({
      title: escapeHtml(`${u.commitment.title}: ${updateHeadline(u)}`),
      id: `tag:${host},2024:status-update/${u.id}`,
      link,
      // Both dates are the day it happened: a record loaded or typed later is not news of that day.
      date: new Date(`${u.happenedOn}T00:00:00Z`),
      published: new Date(`${u.happenedOn}T00:00:00Z`),
      description: escapeHtml(`${formatCalendarDate(u.happenedOn)} · ${u.agreement.title}`),
      content: escapeHtml(u.note || updateHeadline(u)),
    });
  }
  return feed.atom1();
}
