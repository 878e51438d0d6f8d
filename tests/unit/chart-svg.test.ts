import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";

import { breakdownRows } from "../../components/status-chart";
import { statusBarsSvg } from "../../lib/chart-svg";
import { emptyStatusCounts } from "../../lib/status";

function counts(values: Partial<ReturnType<typeof emptyStatusCounts>>) {
  return { ...emptyStatusCounts(), ...values };
}

/** The SVG as a browser's HTML parser reads it (it is placed in a page's HTML, not served alone). */
function parse(svg: string) {
  const { document } = parseHTML(`<!doctype html><html><body><div id="c">${svg}</div></body></html>`);
  return document.getElementById("c")!;
}

describe("statusBarsSvg (the chart's bars as one escaped string)", () => {
  it("draws one linked segment per status with commitments, named with its label, status and count", () => {
    const svg = statusBarsSvg("Commitments by theme", [
      {
        label: "Trade",
        counts: counts({ in_progress: 3, fulfilled: 1 }),
        href: (s) => `/commitments?theme=Trade&status=${s}`,
      },
      { label: "Energy", counts: counts({ stalled: 2 }), href: (s) => `/commitments?theme=Energy&status=${s}` },
    ]);
    const root = parse(svg);
    const links = [...root.querySelectorAll("a")];
    expect(links.map((a) => a.querySelector("title")?.textContent)).toEqual([
      "Trade: In progress, 3",
      "Trade: Fulfilled, 1",
      "Energy: Stalled, 2",
    ]);
    expect(links.map((a) => a.getAttribute("href"))).toEqual([
      "/commitments?theme=Trade&status=in_progress",
      "/commitments?theme=Trade&status=fulfilled",
      "/commitments?theme=Energy&status=stalled",
    ]);
    expect(links.every((a) => !a.hasAttribute("aria-label"))).toBe(true);
    // Totals beside each bar; the longest bar (4) spans the full 520 units from x = 230.
    expect([...root.querySelectorAll("text.chart__label")].map((t) => t.textContent)).toEqual([
      "Trade",
      "4",
      "Energy",
      "2",
    ]);
    const rects = [...root.querySelectorAll("rect")];
    expect(rects.map((r) => Number(r.getAttribute("x")))).toEqual([230, 620, 230]);
    expect(rects.map((r) => Number(r.getAttribute("width")))).toEqual([389, 129, 259]);
  });

  it("escapes labels and links, so a theme or an owner cannot add markup", () => {
    const label = `<script>alert("x")</script> & 'co' ltd`;
    const svg = statusBarsSvg(`By "owner" <b>`, [
      {
        label,
        counts: counts({ fulfilled: 2 }),
        href: (s) => `/commitments?owner=${encodeURIComponent(label)}&x="><svg onload=1>&status=${s}`,
      },
      { label: "B", counts: counts({ fulfilled: 1 }), href: () => "/b" },
    ]);
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<b>");
    expect(svg).not.toMatch(/<svg onload/);
    const root = parse(svg);
    expect(root.querySelectorAll("script, b")).toHaveLength(0);
    expect(root.querySelectorAll("svg")).toHaveLength(1);
    const link = root.querySelector("a")!;
    expect(link.querySelector("title")?.textContent).toBe(`${label}: Fulfilled, 2`);
    expect(link.getAttribute("href")).toContain(`&x="><svg onload=1>&status=fulfilled`);
    expect(root.querySelector("svg")!.getAttribute("aria-label")).toMatch(/^By "owner" <b>\. Each segment/);
    // The row label is cut to 34 characters, the tooltip keeps it whole.
    expect(root.querySelector("text.chart__label")!.textContent).toBe(`${label.slice(0, 33)}…`);
  });

  it("a single bar fills the width without a label; a narrow segment shows no count, one with room its glyph too", () => {
    const root = parse(
      statusBarsSvg("Commitments by status", [
        { label: "", counts: counts({ in_progress: 1, fulfilled: 99 }), href: (s) => `/l?status=${s}` },
      ]),
    );
    expect(root.querySelectorAll("text.chart__label")).toHaveLength(0);
    expect(root.querySelector("a title")!.textContent).toBe("In progress, 1");
    const values = [...root.querySelectorAll("text.chart__value")].map((t) => t.textContent);
    expect(values).toEqual(["✓ 99"]);
    expect(root.querySelector("svg")!.getAttribute("viewBox")).toBe("0 0 560 32");
  });

  it('draws the owner chart\'s "Not named" bar without links: no list filter selects the unnamed owners', () => {
    const rows = breakdownRows(
      [
        { owner: "Ministry of Trade", status: "in_progress" as const, count: 2 },
        { owner: "", status: "in_progress" as const, count: 3 },
        { owner: "", status: "fulfilled" as const },
      ],
      (r) => r.owner,
      "owner",
      "/commitments",
    );
    expect(rows.map((r) => [r.label, r.href("in_progress")])).toEqual([
      ["Ministry of Trade", "/commitments?owner=Ministry%20of%20Trade&status=in_progress"],
      ["Not named", null],
    ]);
    const root = parse(statusBarsSvg("Commitments by owner", rows));
    expect([...root.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual([
      "/commitments?owner=Ministry%20of%20Trade&status=in_progress",
    ]);
    const unlinked = [...root.querySelectorAll('g[role="img"]')];
    expect(unlinked.map((g) => g.querySelector("title")?.textContent)).toEqual([
      "Not named: In progress, 3",
      "Not named: Fulfilled, 1",
    ]);
    expect(unlinked.every((g) => g.querySelector("rect") !== null)).toBe(true);
  });
});
