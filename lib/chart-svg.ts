/**
 * The stacked status bars of a chart (components/status-chart.tsx) as one SVG string, built on the
 * server. Why a string and not React elements: a chart is static markup (no state, no handlers) of
 * ~5 elements per segment, and the home page's charts were ~1,000 elements that React renders twice
 * (the RSC payload, then HTML from it), about a third of that page's CPU time at 50,000 commitments
 * (issue 9, docs/decisions/010-reads-in-sql.md "Charts as markup"). As a string the same bytes cost
 * one write. Every value placed in it is escaped for XML with escape-html (`&`, `<`, `>`, `"`, `'`).
 */
import escapeHtml from "escape-html";

import { STATUS_VALUES, STATUSES, type Status } from "./status";

/** SVG fill per status (the same hues as the status badges; the legend and table carry the words). */
export const STATUS_FILL: Record<Status, string> = {
  not_assessed: "#8c959f",
  not_started: "#d4a72c",
  in_progress: "#0969da",
  stalled: "#bc4c00",
  partially_fulfilled: "#8250df",
  fulfilled: "#1a7f37",
  not_fulfilled: "#cf222e",
};

/** One bar: a label (a theme, an owner; "" for a single-bar chart), its counts and its links. */
export interface ChartBar {
  label: string;
  counts: Record<Status, number>;
  /**
   * the list filtered to this bar and a status (a path with its query, not yet escaped), or null when
   * no list filter selects exactly these rows (e.g. the commitments with no owner named): then the
   * segment is drawn without a link
   */
  href: (status: Status) => string | null;
}

const BAR_H = 22;
const GAP = 10;
const LABEL_W = 230;
const BAR_W = 520;
/** Labels longer than this are cut with "…" (the table below the chart gives them whole). */
const LABEL_MAX = 34;

/** The sum of a bar's counts. */
export function barTotal(counts: Record<Status, number>): number {
  return STATUS_VALUES.reduce((n, s) => n + counts[s], 0);
}

/** Tenths of a unit: finer than a pixel at any width the chart is shown, and short. */
const at = (n: number) => Math.round(n * 10) / 10;

/**
 * The SVG of `bars`: one row per bar (a single bar fills the width and has no label), each status
 * segment an `<a>` to the filtered list whose `<title>` is its accessible name and tooltip
 * ("Trade: In progress, 741"); the count (and, where there is room, the status's glyph, so a segment is not
 * told by colour alone) inside the segment. Widths are in viewBox units; `minWidth` keeps the
 * labels readable on a narrow screen (the chart scrolls sideways instead).
 * @param title the chart's title, used in the SVG's accessible name
 */
export function statusBarsSvg(title: string, bars: readonly ChartBar[]): string {
  const single = bars.length === 1;
  const labelW = single ? 0 : LABEL_W;
  const width = labelW + BAR_W + 40;
  const height = bars.length * (BAR_H + GAP);
  const max = Math.max(1, ...bars.map((b) => barTotal(b.counts)));
  const name = `${title}. Each segment links to the matching commitments; the table below gives the numbers.`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" style="min-width:${Math.round(width * 0.75)}px" role="group" aria-label="${escapeHtml(name)}">`,
  ];
  bars.forEach((bar, i) => {
    const y = i * (BAR_H + GAP);
    const textY = y + BAR_H / 2 + 4;
    const scale = single ? BAR_W / Math.max(1, barTotal(bar.counts)) : BAR_W / max;
    const prefix = bar.label ? `${bar.label}: ` : "";
    parts.push("<g>");
    if (!single) {
      const label = bar.label.length > LABEL_MAX ? `${bar.label.slice(0, LABEL_MAX - 1)}…` : bar.label;
      parts.push(
        `<text x="${labelW - 8}" y="${textY}" text-anchor="end" class="chart__label">${escapeHtml(label)}</text>`,
      );
    }
    let x = labelW;
    for (const s of STATUS_VALUES) {
      const n = bar.counts[s];
      if (n <= 0) continue;
      const w = n * scale;
      const { label, icon } = STATUSES[s];
      const href = bar.href(s);
      parts.push(
        // The <title> is the link's accessible name (SVG-AAM) and its tooltip: no aria-label to repeat it.
        // Without a link the segment is a group with that title (role="img" names it to screen readers).
        href === null
          ? `<g role="img"><title>${escapeHtml(`${prefix}${label}, ${n}`)}</title>`
          : `<a href="${escapeHtml(href)}"><title>${escapeHtml(`${prefix}${label}, ${n}`)}</title>`,
        `<rect x="${at(x)}" y="${y}" width="${at(Math.max(w - 1, 1))}" height="${BAR_H}" fill="${STATUS_FILL[s]}"></rect>`,
      );
      if (w >= 22) {
        parts.push(
          `<text x="${at(x + w / 2)}" y="${textY}" text-anchor="middle" class="chart__value" aria-hidden="true">${w >= 36 ? `${icon} ${n}` : n}</text>`,
        );
      }
      parts.push(href === null ? "</g>" : "</a>");
      x += w;
    }
    if (!single) {
      parts.push(
        `<text x="${Math.round(x + 6)}" y="${textY}" class="chart__label" aria-hidden="true">${barTotal(bar.counts)}</text>`,
      );
    }
    parts.push("</g>");
  });
  parts.push("</svg>");
  return parts.join("");
}
