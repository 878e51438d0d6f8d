/**
 * The status vocabulary of DESIGN.md ("Status vocabulary"): the closed list of values a commitment's
 * status can take, their labels, whether they are final, and the glyph shown beside the label
 * (a status is never shown by colour alone).
 */
import { z } from "zod";

export const STATUS_VALUES = [
  "not_assessed",
  "not_started",
  "in_progress",
  "stalled",
  "partially_fulfilled",
  "fulfilled",
  "not_fulfilled",
] as const;

export type Status = (typeof STATUS_VALUES)[number];

export const ZStatus = z.enum(STATUS_VALUES);

export interface StatusInfo {
  value: Status;
  /** the label shown to people */
  label: string;
  /** a final status ends the commitment's life: it can no longer be overdue */
  final: boolean;
  /** a one-character glyph shown beside the label (decorative; the label carries the meaning) */
  icon: string;
  /** when to use it, as DESIGN.md says */
  description: string;
}

export const STATUSES: Readonly<Record<Status, StatusInfo>> = {
  not_assessed: {
    value: "not_assessed",
    label: "Not yet assessed",
    final: false,
    icon: "?",
    description: "Nobody has researched it yet (not the same as “not started”).",
  },
  not_started: {
    value: "not_started",
    label: "Not started",
    final: false,
    icon: "○",
    description: "Nothing public has happened yet.",
  },
  in_progress: {
    value: "in_progress",
    label: "In progress",
    final: false,
    icon: "◐",
    description: "Concrete steps: talks opened, drafts exchanged, funds allotted.",
  },
  stalled: {
    value: "stalled",
    label: "Stalled",
    final: false,
    icon: "‖",
    description: "No movement for a long time, or talks suspended.",
  },
  partially_fulfilled: {
    value: "partially_fulfilled",
    label: "Partly fulfilled",
    final: true,
    icon: "◑",
    description: "Delivered in a reduced or changed form.",
  },
  fulfilled: {
    value: "fulfilled",
    label: "Fulfilled",
    final: true,
    icon: "✓",
    description: "Delivered as pledged.",
  },
  not_fulfilled: {
    value: "not_fulfilled",
    label: "Not fulfilled",
    final: true,
    icon: "✕",
    description: "Abandoned, or the deadline passed without delivery.",
  },
};

/** True when the status ends the commitment (partly fulfilled, fulfilled, not fulfilled). */
export function isFinal(status: Status): boolean {
  return STATUSES[status].final;
}

/** The label for a status value, e.g. `in_progress` → "In progress". */
export function statusLabel(status: Status): string {
  return STATUSES[status].label;
}

/** Narrow an unknown string to a status; returns `null` for anything outside the vocabulary. */
export function parseStatus(value: unknown): Status | null {
  const parsed = ZStatus.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A zero count for every status, in vocabulary order. */
export function emptyStatusCounts(): Record<Status, number> {
  return Object.fromEntries(STATUS_VALUES.map((s) => [s, 0])) as Record<Status, number>;
}
