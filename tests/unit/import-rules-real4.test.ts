/**
 * The codebook rules added after the round "real-4" of tests/fixtures/import/ (real statements of
 * other regions; docs/import-codebook.md S1 "agreed today to", C16 a list after a blank line, C24
 * "between …", C26 a participle of effect, C27 a second bare infinitive): one test per rule, with
 * sentences of our own, each checking that the rule fires where it should and stays silent where
 * it should not.
 */
import { describe, expect, it } from "vitest";

import { pledges } from "../support/import-rules";

describe("forms of real statements (round real-4)", () => {
  it("S1: a word of time or place between 'agreed' / 'decided' and 'to' keeps the cue", () => {
    for (const s of [
      "The two presidents agreed today to open a consulate in Penang.",
      "The ministers decided on Tuesday to launch talks on a fisheries agreement.",
      "Korea and Malaysia agreed here to hold the next Joint Commission in Seoul.",
    ]) {
      const p = pledges(s);
      expect(p, s).toHaveLength(1);
      expect(p[0]!.strength, s).toBe("binding");
      expect(p[0]!.rules, s).toContain("S1");
    }
  });

  it("C26: a participle of effect after a comma is cut off the pledge", () => {
    const s =
      "The two leaders agreed to establish a joint fund for shipbuilding, paving the way for closer industrial ties and contributing to regional growth.";
    const p = pledges(s);
    expect(p).toHaveLength(1);
    expect(p[0]!.quote).toBe("The two leaders agreed to establish a joint fund for shipbuilding");
    expect(p[0]!.rules).toContain("C26");
    const marking = pledges("Malaysia will host the forum in 2025, marking thirty years of the dialogue.");
    expect(marking.map((c) => c.quote)).toEqual(["Malaysia will host the forum in 2025"]);
    // Other participles are part of the action and stay in the quote.
    const including = pledges(
      "Korea will train 200 customs officers, including sending experts to Kuala Lumpur each year.",
    );
    expect(including).toHaveLength(1);
    expect(including[0]!.quote).toContain("including sending experts");
  });

  it("C24: 'cooperation between' the sides is the relationship, between named actors it is checkable", () => {
    for (const s of [
      "The leaders agreed to strengthen cooperation between the two countries.",
      "Both sides agreed to deepen cooperation between Korea and Malaysia.",
    ])
      expect(pledges(s), s).toEqual([]);
    for (const s of [
      "The leaders agreed to strengthen cooperation between their national parliaments.",
      "Both sides agreed to deepen exchanges and cooperation between their defence universities.",
    ]) {
      const p = pledges(s);
      expect(p, s).toHaveLength(1);
      expect(p[0]!.rules, s).not.toContain("C24");
    }
  });

  it("C16: the first item of a scope's list may follow its lead-in after a blank line", () => {
    const text =
      "The two sides agreed to expand the partnership in the following areas:\n\n" +
      "- Trade: lowering tariffs on palm oil and cars;\n" +
      "- Education: scholarships for 100 students a year.\n\n" +
      "- Tourism: a joint campaign.";
    const p = pledges(text);
    expect(p).toHaveLength(1);
    expect(p[0]!.rules).toContain("C16");
    expect(p[0]!.quote).toContain("- Trade: lowering tariffs");
    expect(p[0]!.quote).toContain("scholarships for 100 students a year.");
    // Only the first item may follow a blank line: a later one after a blank line is not the scope's.
    expect(p[0]!.quote).not.toContain("Tourism");
  });

  it("C27: ', and <verb>' after 'agreed to …' is a second action of the same cue", () => {
    const s =
      "The leaders agreed to expand direct flights between Seoul and Kuala Lumpur, and launch a joint study on halal exports.";
    const p = pledges(s);
    expect(p.map((c) => c.quote)).toEqual([
      "The leaders agreed to expand direct flights between Seoul and Kuala Lumpur",
      "launch a joint study on halal exports.",
    ]);
    expect(p[1]!.strength).toBe("binding");
    expect(p[1]!.rules).toContain("C27");
    expect(p[1]!.parties).toEqual(["KR", "MY"]);
    // A noun after ", and" is part of the same list: no cut.
    expect(
      pledges("The two sides agreed to cooperate in trade, investment, and support for small firms."),
    ).toHaveLength(1);
  });
});
