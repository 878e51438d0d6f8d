/**
 * The status badge of a commitment (issue 4): a small SVG in the style of shields.io badges, with the
 * status as text (never colour alone) and an accessible name (`role="img"` + `<title>`). Text widths
 * are estimated from character counts (about 6.5 px a character at 11 px Verdana/DejaVu Sans).
 */
import escapeHtml from "escape-html";

import { STATUSES, type Status } from "./status";

const COLOURS: Record<Status, string> = {
  not_assessed: "#6e7781",
  not_started: "#9a6700",
  in_progress: "#0969da",
  stalled: "#953800",
  partially_fulfilled: "#8250df",
  fulfilled: "#1a7f37",
  not_fulfilled: "#cf222e",
};

/** Text for an SVG element or attribute (escape-html's five entities are also XML's). */
const escapeXml = escapeHtml;

function width(text: string): number {
  return Math.round(text.length * 6.5 + 12);
}

/** The SVG text of a badge reading `label | status`. */
export function statusBadgeSvg(label: string, status: Status): string {
  const right = `${STATUSES[status].icon} ${STATUSES[status].label}`;
  const lw = width(label);
  const rw = width(right);
  const total = lw + rw;
  const name = escapeXml(`${label}: ${STATUSES[status].label}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${name}">
<title>${name}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${total}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${rw}" height="20" fill="${COLOURS[status]}"/><rect width="${total}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,'DejaVu Sans',Geneva,sans-serif" font-size="11">
<text x="${lw / 2}" y="14">${escapeXml(label)}</text>
<text x="${lw + rw / 2}" y="14">${escapeXml(right)}</text>
</g>
</svg>
`;
}
