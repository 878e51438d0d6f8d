/**
 * Theme tie-break rules T14–T17 of docs/import-codebook.md (lib/import/theme.ts), on sentences
 * written for these tests (not taken from the evaluation fixtures).
 */
import { describe, expect, it } from "vitest";

import { extractCandidates } from "@/lib/import/candidates";
import { partyNamesFor } from "@/lib/import/party-names";
import { documentTheme, referredTheme, themeOf } from "@/lib/import/theme";
import type { Candidate } from "@/lib/import/types";

function pledgesOf(text: string, codes = ["KR", "MY"]): Candidate[] {
  const out = extractCandidates(text, { documentDate: "2026-01-15", parties: partyNamesFor(codes) });
  return out.filter((c) => c.kind === "pledge");
}

describe("theme tie-breaks (T14–T17)", () => {
  it("T14: a longer keyword wins over a shorter one inside it", () => {
    expect(themeOf("Malaysia will lead a business delegation to Busan next spring.").id).toBe("trade");
    expect(themeOf("We will reform multilateral development banks.").id).toBe("investment");
    expect(themeOf("Both sides will lay new submarine cables.").id).toBe("digital");
    expect(themeOf("Both sides will buy two submarines.").id).toBe("defence");
  });

  it("T15: general words count half, so the specific subject decides", () => {
    expect(themeOf("Korea will fund the training of 40 geologists.").id).toBe("critical-minerals");
    expect(themeOf("The sides will improve the security of cloud platforms.").id).toBe("digital");
    expect(themeOf("Korea will hold a dialogue on raw materials.").id).toBe("critical-minerals");
    expect(themeOf("They will map the supply chain of memory semiconductors.").id).toBe("digital");
    expect(themeOf("They will patrol regional waters with their coast guards.").id).toBe("security");
    expect(themeOf("Both sides will hold a ministerial dialogue every year.")).toMatchObject({ id: "political" });
    // A general word alone still decides.
    expect(themeOf("Malaysia will host a training course.").id).toBe("education");
  });

  it("T16: the parties' names and the deadline phrase do not count; an 'including' tail only breaks a blank", () => {
    expect(themeOf("ASEAN will host 300 young engineers for training.", { partyNames: ["ASEAN"] }).id).toBe(
      "education",
    );
    expect(themeOf("ASEAN will host 300 young engineers.", { partyNames: ["ASEAN"] }).id).toBe("political");
    expect(themeOf("ASEAN will host 300 young engineers.").id).toBe("regional");
    expect(themeOf("The envoys will report by the next summit.", { deadlinePhrase: "by the next summit" }).rule).toBe(
      "T0",
    );
    const r = themeOf("Korea will double its investment in Poland, including in batteries and semiconductors.");
    expect(r).toMatchObject({ id: "investment", rules: ["T3", "T16"] });
    expect(themeOf("They will deepen ties, including on semiconductors.").id).toBe("digital");
    expect(themeOf("Neither side will restrict exports of graphite, except where allowed under WTO rules.").id).toBe(
      "critical-minerals",
    );
  });

  it("T16 in extraction: a deadline phrase naming a summit leaves the theme to the paragraph", () => {
    const text = "3. On the free trade agreement, the two Leaders tasked their envoys to report by the next summit.";
    const [c] = pledgesOf(text);
    expect(c).toMatchObject({ theme: "trade" });
  });

  it("T17: a quote, sentence and paragraph with no keyword take the document's theme", () => {
    const text = [
      "Memorandum of Understanding on Cooperation in Tourism",
      "",
      "1. The Participants will promote tourism between their countries and will ease visas for tourists.",
      "",
      "2. The Joint Committee shall meet every year, alternately in each country.",
    ].join("\n");
    expect(documentTheme(text)).toBe("tourism");
    const last = pledgesOf(text).at(-1)!;
    expect(last).toMatchObject({ theme: "tourism", rules: expect.arrayContaining(["T17"]) });
    // A document of many subjects has no document theme: the same clause is T0, political.
    expect(documentTheme("We will cut tariffs. We will build railways. We will fight terrorism.")).toBeNull();
  });

  it("T18: a clause naming an instrument by its defined term takes the theme of its full name", () => {
    const text = [
      "1. The two sides welcomed the entry into force of the Korea–Malaysia Free Trade Agreement in 2025.",
      "",
      "2. The Leaders noted the progress made.",
      "",
      "3. The two sides will start a joint review of the Agreement in 2027.",
    ].join("\n");
    const start = text.indexOf("will start");
    expect(referredTheme(text, start, "will start a joint review of the Agreement in 2027.")).toBe("trade");
    expect(referredTheme(text, start, "will start a joint review in 2027.")).toBeNull();
    expect(pledgesOf(text).at(-1)).toMatchObject({ theme: "trade", rules: expect.arrayContaining(["T18"]) });
  });
});
