/**
 * The agreement page's source-document view (components/source-documents.tsx), rendered to HTML:
 * the text is escaped, overlapping passages become split marks (never nested links), every passage
 * has its `passage-<id>` target and one link named for its commitment, and long texts are collapsed.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { COLLAPSE_OVER, SourceDocuments } from "@/components/source-documents";
import type { AgreementCommitment } from "@/db/queries/agreements";
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

function commitment(id: number, ref: string, title: string, start: number, end: number, fromCommentary = false) {
  return {
    id,
    ref,
    title,
    anchor: { sourceDocumentId: 3, start, end, fromCommentary },
    milestones: [],
  } as unknown as AgreementCommitment;
}

function render(d: SourceDocumentItem, commitments: AgreementCommitment[]) {
  return renderToStaticMarkup(createElement(SourceDocuments, { documents: [d], commitments }));
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
    expect(renderToStaticMarkup(createElement(SourceDocuments, { documents: [], commitments: [] }))).toBe("");
  });
});
