import { describe, expect, it } from "vitest";

import { paragraphs, sentences } from "@/lib/import/structure";

/** Each paragraph's text and number. */
function paras(text: string) {
  return paragraphs(text).map((p) => ({ n: p.number, text: text.slice(p.start, p.end) }));
}

/** The sentences of every paragraph, as text. */
function sents(text: string): string[] {
  return paragraphs(text).flatMap((p) => sentences(text, p).map((s) => text.slice(s.start, s.end)));
}

describe("paragraphs", () => {
  it("splits at blank lines (also CRLF and whitespace-only lines) and trims each span", () => {
    const text = "  First line\nstill first.\r\n \t\r\nSecond.\n\n\n  Third.  \n";
    expect(paras(text)).toEqual([
      { n: null, text: "First line\nstill first." },
      { n: null, text: "Second." },
      { n: null, text: "Third." },
    ]);
    expect(paragraphs(text).map((p) => p.index)).toEqual([1, 2, 3]);
  });

  it("starts a paragraph at a numbered line without a blank line and keeps the number without punctuation", () => {
    const text =
      "1. One.\n2. Two\ncontinued.\n3.1 Three one.\n(a) Letter.\nb) Letter b.\ni. Roman.\n(iv) Roman four.\nIV. HEADING";
    expect(paras(text)).toEqual([
      { n: "1", text: "1. One." },
      { n: "2", text: "2. Two\ncontinued." },
      { n: "3.1", text: "3.1 Three one." },
      { n: "a", text: "(a) Letter." },
      { n: "b", text: "b) Letter b." },
      { n: "i", text: "i. Roman." },
      { n: "iv", text: "(iv) Roman four." },
      { n: "IV", text: "IV. HEADING" },
    ]);
  });

  it("starts a paragraph at a bullet, with no number", () => {
    expect(paras("The sides agreed to:\n• first item;\n- second item.")).toEqual([
      { n: null, text: "The sides agreed to:" },
      { n: null, text: "• first item;" },
      { n: null, text: "- second item." },
    ]);
  });

  it("reads a prose readout with no blank line as one paragraph per line that follows a finished sentence", () => {
    const text = "The leaders met today.\nThey agreed to meet again\nnext year.\nBoth sides will act.";
    expect(paras(text).map((p) => p.text)).toEqual([
      "The leaders met today.",
      "They agreed to meet again\nnext year.",
      "Both sides will act.",
    ]);
  });

  it("does not take a number inside a line, or a decimal in running text, as numbering", () => {
    expect(paras("Trade grew 3.5 per cent in 2023.\n\nIt reached US$ 20 billion.").map((p) => p.n)).toEqual([
      null,
      null,
    ]);
  });
});

describe("sentences", () => {
  it("splits at stops followed by a capital and excludes the paragraph's number", () => {
    const text = "4. The two sides met. They agreed! Will they act? Yes.";
    expect(sents(text)).toEqual(["The two sides met.", "They agreed!", "Will they act?", "Yes."]);
  });

  it.each([
    ["Art.", "Under Art. 6 of the Paris Agreement the Parties will cooperate. Next."],
    ["No.", "Resolution No. 2231 applies to all. Next."],
    ["U.S.", "They met U.S. Secretary Blinken in Seoul. Next."],
    ["e.g.", "Fields, e.g. Rice, coffee and seafood, will be covered. Next."],
    ["i.e.", "Crime, i.e. Cybercrime, will be addressed. Next."],
    ["Mr.", "They met Mr. Tan Sri Ahmad in Putrajaya. Next."],
    ["Dr.", "They thanked Dr. Lee for her work. Next."],
    ["H.E.", "At the invitation of H.E. Yoon Suk Yeol the Prime Minister visited. Next."],
    ["St.", "They met at St. Regis Hotel in the city. Next."],
    ["Jan.", "The meeting of 15 Jan. Will be followed up soon. Next."],
    ["Sept.", "Since Sept. The talks have advanced quickly. Next."],
    ["vs.", "Growth in 2023 vs. 2022 rose sharply overall. Next."],
    ["initials", "The talks were led by Y. S. Yoon and A. Ibrahim today. Next."],
    ["decimal", "Trade grew by 3.5 per cent and 12.25 per cent. Next."],
    ["Sdn. Bhd.", "Petronas Sdn. Bhd. will invest in the plant. Next."],
    ["Co. Ltd.", "Samsung Co. Ltd. and Hyundai Inc. signed the deal. Next."],
  ])("does not end a sentence at %s", (_label, text) => {
    const [first, second] = sents(text);
    expect(first).toBe(text.slice(0, text.length - " Next.".length));
    expect(second).toBe("Next.");
  });

  it("ends a sentence at a soft abbreviation when a capital follows", () => {
    expect(sents("It covers rice, coffee, etc. The sides agreed. And signed with Samsung Co. Both will act.")).toEqual([
      "It covers rice, coffee, etc.",
      "The sides agreed.",
      "And signed with Samsung Co.",
      "Both will act.",
    ]);
  });

  it("keeps closing quotes and brackets with their sentence", () => {
    expect(sents('He said, "We will act." (The sides agreed.) Then they left.')).toEqual([
      'He said, "We will act."',
      "(The sides agreed.)",
      "Then they left.",
    ]);
  });

  it("keeps Korean and Malay sentences intact", () => {
    const korean =
      "13. 양국 정상은 2025년까지 협상을 개시하기로 합의했다. 양측은 인공지능 분야의 공동 연구를 확대하기로 했다.";
    expect(sents(korean)).toEqual([
      "양국 정상은 2025년까지 협상을 개시하기로 합의했다.",
      "양측은 인공지능 분야의 공동 연구를 확대하기로 했다.",
    ]);
    const malay =
      "Kedua-dua pihak bersetuju untuk meningkatkan kerjasama, termasuk No. 5 dan Art. 3. Mereka juga akan bertemu.";
    expect(sents(malay)).toEqual([
      "Kedua-dua pihak bersetuju untuk meningkatkan kerjasama, termasuk No. 5 dan Art. 3.",
      "Mereka juga akan bertemu.",
    ]);
  });

  it("gives spans trimmed of whitespace, inside their paragraph, with the paragraph's index", () => {
    const text = "1.   First one.   Second\n  one.  \n\n2. Third.";
    for (const p of paragraphs(text)) {
      for (const s of sentences(text, p)) {
        const span = text.slice(s.start, s.end);
        expect(span).toBe(span.trim());
        expect(s.start).toBeGreaterThanOrEqual(p.start);
        expect(s.end).toBeLessThanOrEqual(p.end);
        expect(s.paragraphIndex).toBe(p.index);
      }
    }
    expect(sents(text)).toEqual(["First one.", "Second\n  one.", "Third."]);
  });
});
