/**
 * The import review's rules with no database (issue 10): the normalised quote re-imports compare,
 * split and merge offsets (always quote === text.slice(start, end)), titles proposed from quotes,
 * and extraction by blocks giving exactly what one call over the whole text gives.
 */
import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { extractCandidates } from "@/lib/import/candidates";
import { duplicateIndex, findDuplicate, findOverlap, overlapIndex, quoteKey } from "@/lib/import/dedupe";
import { extractWithProgress, type ExtractionProgress } from "@/lib/import/extract-progress";
import { partyNamesFor } from "@/lib/import/party-names";
import { proposedRef, proposedTitle, themeLabel } from "@/lib/import/review-fields";
import { mergeSpans, splitPoints, splitSpan, trimSpan, typedSplitPoint } from "@/lib/import/review-spans";

const FIXTURES = path.join(process.cwd(), "tests/fixtures/import");

describe("quoteKey (the words a re-import compares)", () => {
  it("ignores case, white space, typographic quotes and punctuation at the ends", () => {
    expect(quoteKey("Both sides  will\nconclude the FTA.")).toBe("both sides will conclude the fta");
    expect(quoteKey("  “Both sides will conclude the FTA”;")).toBe("both sides will conclude the fta");
    expect(quoteKey("the Leaders’ vision")).toBe(quoteKey("The leaders' vision"));
    expect(quoteKey("a\u00a0b\u3000c")).toBe("a b c");
  });

  it("keeps the words inside: a different pledge is a different key", () => {
    expect(quoteKey("conclude the FTA by 2025")).not.toBe(quoteKey("conclude the FTA by 2026"));
    expect(quoteKey("will not conclude")).not.toBe(quoteKey("will conclude"));
  });

  it("composes Korean (NFC) and keeps Malay as written", () => {
    const decomposed = "한국".normalize("NFD");
    expect(decomposed).not.toBe("한국");
    expect(quoteKey(`${decomposed}은 합의했다.`)).toBe("한국은 합의했다");
    expect(quoteKey("Kedua-dua pihak bersetuju untuk memeterai perjanjian.")).toBe(
      "kedua-dua pihak bersetuju untuk memeterai perjanjian",
    );
    expect(quoteKey("...")).toBe("");
  });

  it("finds a repeat by passage (same document and offsets) before words, and none for new words", () => {
    const text = "1. Both sides will conclude the FTA by 2025.\n";
    const index = duplicateIndex([
      { commitmentId: 7, quote: "", anchor: { sourceDocumentId: 3, start: 3, end: 44, text } },
      { commitmentId: 8, quote: "Both sides will establish a committee.", anchor: null },
    ]);
    expect(findDuplicate(index, { sourceDocumentId: 3, start: 3, end: 44, key: "x" })).toEqual({
      commitmentId: 7,
      reason: "passage",
    });
    expect(
      findDuplicate(index, {
        sourceDocumentId: null,
        start: 0,
        end: 1,
        key: quoteKey("both sides will conclude the FTA by 2025"),
      }),
    ).toEqual({ commitmentId: 7, reason: "words" });
    expect(
      findDuplicate(index, {
        sourceDocumentId: 9,
        start: 0,
        end: 1,
        key: quoteKey("Both sides will establish a committee"),
      }),
    ).toEqual({ commitmentId: 8, reason: "words" });
    expect(findDuplicate(index, { sourceDocumentId: 3, start: 0, end: 2, key: quoteKey("Something else") })).toBeNull();
  });
});

describe("split and merge offsets", () => {
  const text = "4.  The two sides will build a port,   and will open a school by 2026.  \n";
  const whole = { start: text.indexOf("The"), end: text.indexOf("2026.") + 5 };

  it("the test's span is the quote", () => {
    expect(text.slice(whole.start, whole.end)).toBe(
      "The two sides will build a port,   and will open a school by 2026.",
    );
  });

  it("splits into two trimmed parts whose quotes are slices of the text", () => {
    const at = whole.start + text.slice(whole.start).indexOf(",") + 1;
    const parts = splitSpan(text, whole, at);
    expect(parts).not.toBeNull();
    const [a, b] = parts!;
    expect(text.slice(a.start, a.end)).toBe("The two sides will build a port,");
    expect(text.slice(b.start, b.end)).toBe("and will open a school by 2026.");
    expect(a.end).toBeLessThan(b.start);
  });

  it("refuses a split at an end or leaving no words on one side", () => {
    expect(splitSpan(text, whole, whole.start)).toBeNull();
    expect(splitSpan(text, whole, whole.end)).toBeNull();
    expect(splitSpan(text, whole, whole.end - 1)).toBeNull(); // only "." left
    expect(splitSpan(text, whole, 4.5)).toBeNull();
  });

  it("offers the clause boundaries of a quote, each leaving words either side", () => {
    const quote = text.slice(whole.start, whole.end);
    const points = splitPoints(quote);
    // "," and the space before "and" give the same parts: one place to split.
    expect(points).toEqual([
      {
        at: quote.indexOf(",") + 1,
        before: "The two sides will build a port,",
        after: "and will open a school by 2026.",
      },
    ]);
    expect(splitSpan(text, whole, whole.start + points[0]!.at)).not.toBeNull();
    expect(splitPoints("We will trade; we will invest. And we will meet").map((p) => p.before)).toEqual([
      "We will trade;",
      "We will trade; we will invest.",
    ]);
    expect(splitPoints("Both sides agreed.")).toEqual([]);
  });

  it("finds the typed first part word for word, white space aside", () => {
    const quote = text.slice(whole.start, whole.end);
    const at = typedSplitPoint(quote, "The two  sides will\nbuild a port,");
    expect(at).not.toBeNull();
    expect(quote.slice(0, at!)).toBe("The two sides will build a port,");
    expect(typedSplitPoint(quote, "two sides")).toBeNull(); // not the beginning
    expect(typedSplitPoint(quote, quote)).toBeNull(); // nothing left
    expect(typedSplitPoint(quote, "  ")).toBeNull();
    expect(typedSplitPoint(quote, "The (two")).toBeNull(); // regular-expression characters are text
  });

  it("merges two spans into the one covering both and what lies between", () => {
    const a = { start: whole.start, end: text.indexOf(",") + 1 };
    const b = { start: text.indexOf("and"), end: whole.end };
    const m = mergeSpans(b, a);
    expect(m).toEqual(whole);
    expect(text.slice(m.start, m.end)).toBe(text.slice(whole.start, whole.end));
  });

  it("trims white space from both ends, and gives null for white space only", () => {
    expect(trimSpan(text, { start: 0, end: text.length })).toEqual({ start: 0, end: whole.end });
    expect(trimSpan(text, { start: whole.end, end: text.length })).toBeNull();
    expect(trimSpan(text, { start: 2, end: whole.end + 1 })).toEqual(whole);
  });

  it("refuses a cut inside a word, a surrogate pair or before a combining mark (forged or typed)", () => {
    const t = "Both sides will act 🇰🇷, and will re\u0301port.";
    const span = { start: 0, end: t.length };
    expect(splitSpan(t, span, t.indexOf("act") + 1)).toBeNull(); // "a|ct"
    expect(splitSpan(t, span, t.indexOf("🇰🇷") + 1)).toBeNull(); // inside a surrogate pair
    expect(splitSpan(t, span, t.indexOf("\u0301"))).toBeNull(); // before a combining accent
    expect(splitSpan(t, span, t.indexOf(","))).not.toBeNull(); // between the flag and its comma
    // A typed first part ending half-way through a word is not where the quote can be cut.
    expect(typedSplitPoint(t, "Both sides will ac")).toBeNull();
    expect(typedSplitPoint(t, "Both sides will act 🇰🇷, and will re")).toBeNull();
    expect(typedSplitPoint(t, "Both sides will act")).toBe("Both sides will act".length);
    // Scripts written without spaces may be cut between any two characters.
    const ja = "両国は協力する。そして報告する。";
    expect(splitSpan(ja, { start: 0, end: ja.length }, 2)).not.toBeNull();
  });

  it("keeps offsets exact around characters outside the BMP (UTF-16 code units)", () => {
    const t = "🇰🇷 Both sides will act, and will report.";
    const span = { start: 5, end: t.length };
    const at = t.indexOf(",") + 1;
    const [a, b] = splitSpan(t, span, at)!;
    expect(t.slice(a.start, a.end)).toBe("Both sides will act,");
    expect(t.slice(b.start, b.end)).toBe("and will report.");
  });
});

describe("proposed fields", () => {
  it("titles a candidate by its words: no marker, no final stop, capitalised, at most 300 characters", () => {
    expect(proposedTitle("the two sides agreed to conclude the FTA by next year.")).toBe(
      "The two sides agreed to conclude the FTA by next year",
    );
    expect(proposedTitle("(a) establish a\n joint committee;")).toBe("Establish a joint committee");
    // A sentence of 160 characters keeps every word (it was cut at 120).
    const sentence =
      "The two Leaders agreed to conclude negotiations on an upgraded Comprehensive Economic Partnership Agreement by the end of next year at the latest";
    expect(proposedTitle(`${sentence}.`)).toBe(sentence);
    const long = proposedTitle(`Both sides will ${"cooperate closely ".repeat(20)}`);
    expect(long.length).toBeLessThanOrEqual(301);
    expect(long.endsWith("…")).toBe(true);
    expect(proposedTitle("양국은 협정을 체결하기로 합의했다.")).toBe("양국은 협정을 체결하기로 합의했다");
  });

  it("numbers a candidate by its paragraph's own number, else its position", () => {
    expect(proposedRef(3, 5)).toBe("3");
    expect(proposedRef("3.1", 5)).toBe("3.1");
    expect(proposedRef("a", 5)).toBe("a");
    expect(proposedRef("<b>", 5)).toBe("5");
  });

  it("names the theme by its label", () => {
    expect(themeLabel("energy-climate")).toBe("Energy & climate");
    expect(themeLabel("unknown-id")).toBe("unknown-id");
  });
});

describe("extraction by blocks", { timeout: 120_000 }, () => {
  const options = {
    documentDate: "2024-11-25",
    parties: partyNamesFor(["KR", "MY", "TH", "VN", "CN", "JP", "US", "AU", "ID", "IN", "EU"]),
  };
  const texts = [
    ...fs
      .readdirSync(FIXTURES)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => path.join(FIXTURES, f)),
    ...fs
      .readdirSync(path.join(FIXTURES, "dev"))
      .filter((f) => f.endsWith(".txt"))
      .map((f) => path.join(FIXTURES, "dev", f)),
  ].map((f) => fs.readFileSync(f, "utf8"));

  it.each([1, 2, 7])(
    "gives what one call gives, on every labelled statement, %i paragraph(s) a block",
    async (block) => {
      for (const text of [
        ...texts,
        texts.join("\n\n"),
        texts[0]!.replace(/\n\s*\n/g, "\n"),
        texts[1]!.replace(/\n/g, "\r\n"),
      ]) {
        const { candidates } = await extractWithProgress(text, options, { blockParagraphs: block });
        expect(candidates).toEqual(extractCandidates(text, options));
        for (const c of candidates) expect(text.slice(c.start, c.end)).toBe(c.quote);
      }
    },
  );

  it("reports the structure, then paragraphs done of all, ending at all", async () => {
    const seen: ExtractionProgress[] = [];
    const text = texts.join("\n\n");
    const result = await extractWithProgress(text, options, { blockParagraphs: 50, onProgress: (p) => seen.push(p) });
    const total = result.paragraphs.length;
    expect(total).toBeGreaterThan(100);
    expect(seen[0]).toEqual({ stage: "structure", done: 0, total });
    expect(seen.at(-1)).toEqual({ stage: "candidates", done: total, total });
    const done = seen.slice(1).map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(seen.length).toBeGreaterThan(2);
    expect(result.sentenceCount).toBeGreaterThan(total);
  });
});

describe("overlap with an imported passage", () => {
  const text = "Both sides will conclude the FTA by 2025 and open an office in 2026.";
  const existing = [
    { commitmentId: 1, quote: "", anchor: { sourceDocumentId: 3, start: 0, end: 40, text } },
    { commitmentId: 2, quote: "", anchor: { sourceDocumentId: 4, start: 41, end: 68, text } },
  ];
  const index = overlapIndex(existing, 3);

  it("flags a part, a whole or a neighbour of an imported passage in the same document", () => {
    expect(findOverlap(index, 0, 68)).toBe(1); // the whole around it
    expect(findOverlap(index, 5, 20)).toBe(1); // a part
    expect(findOverlap(index, 39, 50)).toBe(1); // overlapping its end
  });

  it("leaves the same passage (a duplicate), passages beside it and other documents alone", () => {
    expect(findOverlap(index, 0, 40)).toBeNull();
    expect(findOverlap(index, 40, 68)).toBeNull();
    expect(findOverlap(overlapIndex(existing, 9), 0, 68)).toBeNull();
    expect(findOverlap(overlapIndex(existing, null), 0, 68)).toBeNull();
  });
});
