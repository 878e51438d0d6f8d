/**
 * The codebook rules added after the round "real-5" of tests/fixtures/import/ (real statements as
 * news reports give them; docs/import-codebook.md S1 "vowed to" and "commitment of <-ing>", S2
 * "vowed efforts to", C23 (c) a document's content, C24 "-related" fields, C27 without a comma,
 * C28 a party asserting its own action, T20 false friends of the lexicon): one test per rule, with
 * sentences of our own, each checking that the rule fires where it should and stays silent where
 * it should not.
 */
import { describe, expect, it } from "vitest";

import { themeOf } from "@/lib/import/theme";

import { pledges, run } from "../support/import-rules";

describe("forms of real statements (round real-5)", () => {
  it("S1 / S2: 'vowed to' binds, 'vowed efforts to' is intent, 'commitment of <-ing>' is 'commitment to'", () => {
    expect(pledges("Both sides vowed to open a direct shipping route to Kuantan.")[0]).toMatchObject({
      strength: "binding",
    });
    expect(
      pledges("The two countries vowed efforts to lift two-way trade to USD 30 billion by 2030.")[0],
    ).toMatchObject({
      strength: "intent",
      targetDate: "2030-12-31",
    });
    const restated = pledges("The leaders reaffirmed the commitment of not allowing armed groups to use their ports.");
    expect(restated).toHaveLength(1);
    expect(restated[0]!.rules).toContain("C13");
    // A noun goal after "commitment of" is not an action.
    expect(pledges("The leaders reaffirmed the commitment of both countries to peace.")).toEqual([]);
  });

  it("C28: a party asserting its own future action is a pledge; asserting a view stays a position", () => {
    for (const s of [
      "President Yoon affirmed that he will send a trade mission to Johor in March.",
      "The Prime Minister stressed that Malaysia would host the next Joint Commission in Kuching.",
    ]) {
      const p = pledges(s);
      expect(p, s).toHaveLength(1);
      expect(p[0]!.rules, s).toContain("C28");
    }
    for (const s of [
      "The leaders affirmed that the partnership will bring prosperity to both peoples.",
      "The two sides reaffirmed the importance of a rules-based order.",
    ])
      expect(pledges(s), s).toEqual([]);
  });

  it("C23 (c): what a document will contain is a position; a party presenting a text is a pledge", () => {
    const doc = run("The Roadmap will set out measures for closer cooperation in eight areas.");
    expect(doc.filter((c) => c.kind === "pledge")).toEqual([]);
    expect(doc[0]!.rules).toContain("C23");
    expect(pledges("Korea will outline its offshore wind plan at the next Energy Dialogue.")).toHaveLength(1);
    expect(pledges("The ministers will outline a joint position on shipping emissions by June.")).toHaveLength(1);
  });

  it("C24: a '-related' compound names the field, so the object is checkable", () => {
    const p = pledges("The two sides agreed to foster fisheries-related cooperation.");
    expect(p).toHaveLength(1);
    expect(p[0]!.rules).not.toContain("C24");
    expect(pledges("The two sides agreed to foster closer cooperation.")).toEqual([]);
  });

  it("C27: 'and <verb>' without a comma cuts only after an object of three words or more", () => {
    const p = pledges(
      "The ministers agreed to raise the quota for seasonal workers by 2026 and open a training centre in Ipoh.",
    );
    expect(p.map((c) => c.quote)).toEqual([
      "The ministers agreed to raise the quota for seasonal workers by 2026",
      "open a training centre in Ipoh.",
    ]);
    expect(p[1]!.rules).toContain("C27");
    expect(pledges("The ministers agreed to strengthen and expand cooperation in halal certification.")).toHaveLength(
      1,
    );
  });

  it("T20: 'think tanks' is not the defence keyword 'tanks'", () => {
    expect(themeOf("a joint study by the two countries' think tanks on a free trade agreement").id).toBe("trade");
    expect(themeOf("the delivery of tanks and howitzers").id).toBe("defence");
  });
});
