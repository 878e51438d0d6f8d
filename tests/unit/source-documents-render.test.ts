/**
 * The agreement page's source-document view (components/source-documents.tsx), rendered to HTML:
 * the text is escaped, overlapping passages become split marks (never nested links), every passage
 * has its `passage-<id>` target and one link named for its commitment, and long texts are collapsed.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { COLLAPSE_OVER, EXCERPT_OVER, EXCERPT_PARAGRAPHS, SourceDocuments } from "@/components/source-documents";
import { segmentText } from "@/lib/source-passages";
import type { PassageSource } from "@/lib/agreement-page";
import type { SourceDocumentItem } from "@/db/queries/source-documents";

function doc(text: string): SourceDocumentItem {
  return {
    id: 3,
    kind: "joint_statement",
    title: "Statement <i>text</i>",
    url: "https://example.org/s",
    publishedOn: "2024-11-25",
    text,
    textLength: text.length,
    format: "txt",
    encoding: "UTF-8",
    encodingGuessed: false,
  };
}

function commitment(
  id: number,
  ref: string,
  title: string,
  start: number,
  end: number,
  fromCommentary = false,
): PassageSource {
  return { id, ref, title, anchor: { sourceDocumentId: 3, start, end, fromCommentary } };
}

function render(d: SourceDocumentItem, passages: PassageSource[]) {
  return renderToStaticMarkup(createElement(SourceDocuments, { documents: [d], passages }));
}

describe("SourceDocuments", () => {
  it("escapes the text and the title, and builds no markup from them", () => {
    const text = 'Both <script>alert("x")</script> & "sides" will <b>act</b>.';
    const html = render(doc(text), [commitment(1, "1", "Act <now>", text.indexOf("will"), text.length - 1)]);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>act</b>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;sides&quot;");
    expect(html).toContain("Statement &lt;i&gt;text&lt;/i&gt;");
    expect(html).toContain('aria-label="Commitment 1: Act &lt;now&gt;"');
  });

  it("splits overlapping passages into marks, with one target and one link each, no nested links", () => {
    const text = "The two sides will conclude an FTA by next year, the 65th anniversary.";
    const fta = { start: text.indexOf("conclude"), end: text.indexOf("year") + 4 };
    const anniversary = { start: text.indexOf("next year"), end: text.indexOf("anniversary") + 11 };
    const html = render(doc(text), [
      commitment(6, "6", "Conclude the FTA", fta.start, fta.end, true),
      commitment(16, "16", "Mark the anniversary", anniversary.start, anniversary.end),
    ]);
    const marks = [...html.matchAll(/<mark([^>]*)>([^<]*)<\/mark>/g)].map((m) => [m[1], m[2]]);
    expect(marks.map((m) => m[1])).toEqual(["conclude an FTA by ", "next year", ", the 65th anniversary"]);
    expect(marks[0]?.[0]).toContain('id="passage-6"');
    expect(marks[1]?.[0]).toContain('id="passage-16"');
    expect(marks[1]?.[0]).toContain("passage--overlap");
    expect(marks[0]?.[0]).toContain("passage--commentary");
    expect(marks[2]?.[0]).not.toContain("passage--commentary");
    // Each passage's link follows its last piece; no <a> inside a <mark> or another <a>.
    expect(html).toMatch(
      /next year<\/mark> <a href="\/commitments\/6"[^>]*aria-label="Commitment 6 \(commentary\): Conclude the FTA"/,
    );
    expect(html).toMatch(
      /anniversary<\/mark> <a href="\/commitments\/16"[^>]*aria-label="Commitment 16: Mark the anniversary"/,
    );
    expect(html).not.toMatch(/<mark[^>]*>[^<]*<a/);
    expect(html.match(/<a href="\/commitments\//g)).toHaveLength(2);
    expect(html).toContain("2 passages highlighted");
  });

  it("gives passages that start together a target each, and handles both ends of the text", () => {
    const text = "Alpha beta gamma";
    const html = render(doc(text), [
      commitment(1, "1", "One", 0, 5),
      commitment(2, "2", "Two", 0, text.length),
      commitment(3, "3", "Three", text.indexOf("gamma"), text.length),
    ]);
    // The longer passage holds the mark's id; the other starting with it gets a target before it.
    expect(html).toMatch(/<span id="passage-1" class="passage-target"><\/span><mark id="passage-2"/);
    expect(html).toContain('id="passage-3"');
    expect(html).toContain('>Alpha</mark> <a href="/commitments/1"');
  });

  it("keeps paragraphs and collapses a long text in <details>", () => {
    const short = render(doc("First.\n\nSecond line\nthird line."), []);
    expect(short.match(/<p>/g)).toHaveLength(2);
    expect(short).toContain("Second line\nthird line.");
    expect(short).not.toContain("<details");
    const long = render(doc("word ".repeat(COLLAPSE_OVER / 4)), []);
    expect(long).toMatch(/<details class="source-text"><summary>Show the text \([\d,]+ characters\)<\/summary>/);
  });

  it("renders nothing for an agreement without documents", () => {
    expect(renderToStaticMarkup(createElement(SourceDocuments, { documents: [], passages: [] }))).toBe("");
  });

  it("shows a long text as the paragraphs that hold passages, the gaps between them counted", () => {
    const filler = (i: number) => `Paragraph ${i} says nothing that anyone pledged, at some length to fill the text.`;
    const paras = Array.from({ length: 400 }, (_, i) => filler(i));
    paras[10] = "The two sides will conclude the free trade agreement by next year.";
    paras[300] = "Korea will host the second forum in 2027.";
    const text = paras.join("\n\n");
    expect(text.length).toBeGreaterThan(EXCERPT_OVER);
    const at = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });
    const fta = at("conclude the free trade agreement");
    const forum = at("host the second forum in 2027");
    const html = render(doc(text), [
      commitment(1, "1", "Conclude the FTA", fta.start, fta.end),
      commitment(2, "2", "Host the forum", forum.start, forum.end),
    ]);
    expect(html).toContain('<mark id="passage-1"');
    expect(html).toContain('<mark id="passage-2"');
    expect(html).not.toContain("Paragraph 11 says nothing");
    expect(html.match(/data-testid="source-gap"/g)).toHaveLength(3);
    expect(html).toContain("[… 10 paragraphs without a passage …]");
    expect(html).toContain("[… 289 paragraphs without a passage …]");
    expect(html).toContain("[… 99 paragraphs without a passage …]");
    expect(html).toContain("2 of 400 paragraphs");
    expect(html).not.toContain('data-testid="source-excerpt-cap"');
  });

  it("caps an excerpt at its first paragraphs holding passages, and says so", () => {
    const paras = Array.from(
      { length: EXCERPT_PARAGRAPHS + 250 },
      (_, i) => `Both sides will take step number ${i} of the plan.`,
    );
    const text = paras.join("\n\n");
    expect(text.length).toBeGreaterThan(EXCERPT_OVER);
    const commitments = paras.map((p, i) => {
      const start = text.indexOf(p);
      return commitment(i + 1, String(i + 1), `Step ${i}`, start, start + p.length - 1);
    });
    const html = render(doc(text), commitments);
    expect(html.match(/<mark /g)).toHaveLength(EXCERPT_PARAGRAPHS);
    expect(html).toContain('data-testid="source-excerpt-cap"');
    expect(html).toContain("[… 250 paragraphs without a passage …]");
  });
});

describe("segmentText at scale", () => {
  it("places 2,000 passages in a text of 20,000 paragraphs, each in its own paragraph", () => {
    const paras = Array.from({ length: 20_000 }, (_, i) => `Sentence ${i} of the statement.`);
    const text = paras.join("\n\n");
    let at = 0;
    const starts = paras.map((p) => {
      const s = at;
      at += p.length + 2;
      return s;
    });
    const passages = Array.from({ length: 2_000 }, (_, k) => {
      const i = k * 10;
      return { key: k + 1, start: starts[i]!, end: starts[i]! + paras[i]!.length };
    });
    const { paragraphs, unplaced } = segmentText(text, passages);
    expect(unplaced).toEqual([]);
    expect(paragraphs).toHaveLength(20_000);
    expect(paragraphs[10]!.segments).toEqual([
      { start: starts[10], end: starts[10]! + paras[10]!.length, text: paras[10], keys: [2], first: [2], last: [2] },
    ]);
    expect(paragraphs[11]!.segments[0]!.keys).toEqual([]);
  });
});
