/** Highlight segmentation of a source text (lib/source-passages.ts): paragraphs, overlaps, ends. */
import { describe, expect, it } from "vitest";

import { findPassage } from "@/lib/source-documents";
import { paragraphSpans, segmentText, type SegmentedText } from "@/lib/source-passages";

/** Each paragraph as its segments: [text, keys] pairs. */
function shape(s: SegmentedText) {
  return s.paragraphs.map((p) => p.segments.map((seg) => [seg.text, seg.keys]));
}

describe("paragraphSpans", () => {
  it("splits at blank lines, keeps single line breaks, drops blank paragraphs", () => {
    const text = "\n\nFirst line\nsecond line\n\n  \n\t\nSecond para.\r\n\r\nThird\n\n\n";
    const spans = paragraphSpans(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(["First line\nsecond line", "Second para.", "Third"]);
  });

  it("gives one paragraph for a text without blank lines", () => {
    expect(paragraphSpans("One. Two.\nThree.")).toEqual([{ start: 0, end: 16 }]);
  });
});

describe("segmentText", () => {
  const text = "Alpha beta gamma.\n\nDelta epsilon zeta eta.";

  it("leaves a text without passages as one plain segment a paragraph", () => {
    expect(shape(segmentText(text, []))).toEqual([[["Alpha beta gamma.", []]], [["Delta epsilon zeta eta.", []]]]);
  });

  it("marks a passage and gives it a first and a last segment", () => {
    const { start, end } = findPassage(text, "beta");
    const s = segmentText(text, [{ key: 7, start, end }]);
    expect(shape(s)).toEqual([
      [
        ["Alpha ", []],
        ["beta", [7]],
        [" gamma.", []],
      ],
      [["Delta epsilon zeta eta.", []]],
    ]);
    const seg = s.paragraphs[0]?.segments[1];
    expect(seg).toMatchObject({ start, end, first: [7], last: [7] });
    expect(s.unplaced).toEqual([]);
  });

  it("handles passages at the very start and the very end of the text", () => {
    const s = segmentText(text, [
      { key: 1, start: 0, end: 5 },
      { key: 2, start: text.length - 4, end: text.length },
    ]);
    expect(shape(s)).toEqual([
      [
        ["Alpha", [1]],
        [" beta gamma.", []],
      ],
      [
        ["Delta epsilon zeta ", []],
        ["eta.", [2]],
      ],
    ]);
  });

  it("splits partly overlapping passages into segments covered by one or both", () => {
    // "beta gamma" and "gamma." overlap on "gamma".
    const a = findPassage(text, "beta gamma");
    const b = findPassage(text, "gamma.");
    const s = segmentText(text, [
      { key: 1, ...a },
      { key: 2, ...b },
    ]);
    expect(shape(s)[0]).toEqual([
      ["Alpha ", []],
      ["beta ", [1]],
      ["gamma", [1, 2]],
      [".", [2]],
    ]);
    const segs = s.paragraphs[0]?.segments ?? [];
    expect(segs[1]).toMatchObject({ first: [1], last: [] });
    expect(segs[2]).toMatchObject({ first: [2], last: [1] });
    expect(segs[3]).toMatchObject({ first: [], last: [2] });
  });

  it("splits a nested passage inside its outer one, and identical spans share segments", () => {
    const outer = findPassage(text, "Delta epsilon zeta");
    const inner = findPassage(text, "epsilon");
    const s = segmentText(text, [
      { key: 1, ...outer },
      { key: 2, ...inner },
      { key: 3, ...inner },
    ]);
    expect(shape(s)[1]).toEqual([
      ["Delta ", [1]],
      ["epsilon", [1, 2, 3]],
      [" zeta", [1]],
      [" eta.", []],
    ]);
    const segs = s.paragraphs[1]?.segments ?? [];
    expect(segs[1]).toMatchObject({ first: [2, 3], last: [2, 3] });
    expect(segs[2]).toMatchObject({ last: [1] });
  });

  it("cuts a passage that spans paragraphs at their boundary", () => {
    const start = text.indexOf("gamma");
    const end = text.indexOf("epsilon") + "epsilon".length;
    const s = segmentText(text, [{ key: 9, start, end }]);
    expect(shape(s)).toEqual([
      [
        ["Alpha beta ", []],
        ["gamma.", [9]],
      ],
      [
        ["Delta epsilon", [9]],
        [" zeta eta.", []],
      ],
    ]);
    expect(s.paragraphs[0]?.segments[1]).toMatchObject({ first: [9], last: [] });
    expect(s.paragraphs[1]?.segments[0]).toMatchObject({ first: [], last: [9] });
  });

  it("lists as unplaced a passage out of range, empty, or covering only a blank line", () => {
    const gap = text.indexOf("\n\n");
    const s = segmentText(text, [
      { key: 1, start: 0, end: text.length + 1 },
      { key: 2, start: 3, end: 3 },
      { key: 3, start: gap, end: gap + 2 },
      { key: 4, start: -1, end: 2 },
    ]);
    expect(s.unplaced).toEqual([1, 2, 3, 4]);
    expect(shape(s)).toEqual([[["Alpha beta gamma.", []]], [["Delta epsilon zeta eta.", []]]]);
  });

  it("keeps the whole text: segments joined with the blank lines give it back", () => {
    const korean = "양국은 내년까지 자유무역협정을 체결할 것이다.\n\nKedua-dua pihak akan 🤝 memeterai perjanjian.";
    const p = findPassage(korean, "🤝 memeterai");
    const s = segmentText(korean, [{ key: 1, ...p }]);
    for (const para of s.paragraphs)
      expect(para.segments.map((x) => x.text).join("")).toBe(korean.slice(para.start, para.end));
    expect(shape(s)[1]).toEqual([
      ["Kedua-dua pihak akan ", []],
      ["🤝 memeterai", [1]],
      [" perjanjian.", []],
    ]);
  });
});

describe("findPassage", () => {
  it("finds a passage, refuses an absent or ambiguous one, and takes an occurrence", () => {
    const text = "by next year and again by next year";
    expect(() => findPassage(text, "by next year")).toThrow(/occurs 2 times/);
    expect(findPassage(text, "by next year", 2)).toEqual({ start: 23, end: 35 });
    expect(() => findPassage(text, "by 2030")).toThrow(/is not in the text/);
    expect(() => findPassage(text, "by next year", 3)).toThrow(/only 2 times/);
  });
});
