/**
 * The codebook rules added for issue 10's generalisation pass (docs/import-codebook.md, C4 base
 * forms, C8–C9 extensions, S1–S2 cues, C15–C21): one test per rule, with sentences of our own,
 * each checking the rule fires where it should and stays silent where it should not.
 */
import { describe, expect, it } from "vitest";

import { extractCandidates } from "@/lib/import/candidates";
import { partyNamesFor } from "@/lib/import/party-names";
import type { Candidate } from "@/lib/import/types";

import { eachIsOne, one, pledges, run } from "../support/import-rules";

const brief = (c: Candidate) => [c.kind, c.strength, c.quote];

describe("cues that real statements use", () => {
  it("C4: the present-tense 'We task / direct / mandate' with a body, in English and Korean", () => {
    const a = one("We task our Trade Ministers to prepare a roadmap on digital trade by 2026.");
    expect(a).toMatchObject({ kind: "pledge", strength: "binding", parties: ["KR", "MY"], targetDate: "2026-12-31" });
    expect(a.rules.slice(0, 2)).toEqual(["C4", "C1"]);
    expect(one("We direct the Joint Commission to draw up a work plan on fisheries.").rules[0]).toBe("C4");
    // "direct" as an adjective is no tasking.
    expect(one("Direct flights to Penang will resume in March.").rules).not.toContain("C4");
    const ko = one("양 정상은 관계 부처에 공동 연구를 추진할 것을 지시하였다.");
    expect(ko).toMatchObject({ kind: "pledge", strength: "binding", rules: expect.arrayContaining(["C4"]) });
  });

  it("S1: 'an agreement to …' is a binding cue, and a second nominal pledge after 'and' is its own clause", () => {
    expect(brief(one("The talks produced an agreement to open a consulate in Busan."))).toEqual([
      "pledge",
      "binding",
      "The talks produced an agreement to open a consulate in Busan.",
    ]);
    const two = run(
      "The visit brought a promise to expand flights and an agreement to explore a joint satellite project.",
    );
    expect(two.map(brief)).toEqual([
      ["pledge", "binding", "The visit brought a promise to expand flights"],
      ["pledge", "exploratory", "an agreement to explore a joint satellite project."],
    ]);
  });

  it("C9: 'committed to' a goal with no action is a position; 'committed to' an action stays a pledge", () => {
    const goal = one("The two sides remain committed to a rules-based order in the Indian Ocean.");
    expect(goal).toMatchObject({ kind: "position", rules: expect.arrayContaining(["C9"]) });
    expect(one("Both sides remain committed to the peaceful settlement of disputes.").kind).toBe("position");
    expect(one("The two sides are committed to reducing tariffs on palm oil by 2027.")).toMatchObject({
      kind: "pledge",
      strength: "binding",
    });
    expect(one("Malaysia committed to open three new visa centres.").kind).toBe("pledge");
    // An action named as a noun ("the early conclusion of …") is an action all the same.
    expect(one("Korea is committed to the early conclusion of the digital economy agreement.").kind).toBe("pledge");
  });

  it("S2: a party's goal or target of a number or an action is an intent pledge, restated or set", () => {
    const restated = one("Malaysia reiterated its target of 31 per cent renewable energy capacity by 2025.");
    expect(restated).toMatchObject({ kind: "pledge", strength: "intent", parties: ["MY"] });
    expect(restated.rules).toContain("C13");
    expect(one("The two sides set the goal of doubling tourist arrivals by 2028.")).toMatchObject({
      kind: "pledge",
      strength: "intent",
      targetDate: "2028-12-31",
    });
    // A statement of purpose and a goal that is a state of the world are not.
    expect(run("The objective of this Arrangement is to promote trade.").filter((c) => c.kind === "pledge")).toEqual(
      [],
    );
    expect(one("The Leaders reaffirmed their shared goal of a peaceful Korean Peninsula.").kind).toBe("position");
  });

  it("C8: present-tense support ('Korea supports …', 'We support …') is a position; 'to support' after a cue is not", () => {
    expect(one("Korea supports Malaysia's bid to host the 2028 Expo.")).toMatchObject({
      kind: "position",
      rules: expect.arrayContaining(["C8"]),
    });
    expect(one("We support the work of the ASEAN Centre for Energy.").kind).toBe("position");
    expect(one("To support small firms, Korea will open a trade centre in Johor.")).toMatchObject({
      kind: "pledge",
      parties: ["KR"],
    });
  });
});

describe("what a clause is (C15–C18)", () => {
  it("C15: procedural clauses — costs, disputes, carve-outs, conformity with law, renewal of 'it' — are positions", () => {
    eachIsOne(
      [
        "Each Participant shall bear its own expenses.",
        "Any disagreement concerning the application of this Arrangement shall be resolved by negotiation.",
        "Nothing in this Arrangement shall affect the rights of either side under other treaties.",
        "Activities under this Arrangement shall be conducted in accordance with the applicable laws of each country.",
        "It may be extended by an exchange of diplomatic notes.",
        "Differences shall be settled amicably between the two sides.",
      ],
      "position",
      "C15",
    );
    expect(one("The Parties shall amend their customs procedures for halal products by 2026.").kind).toBe("pledge");
    expect(one("The training programme will be extended to five more provinces.").kind).toBe("pledge");
  });

  it("C16: a lead-in whose verb names the action ('cooperate in the following fields:') keeps its items as one pledge", () => {
    const text =
      "4. The Parties will cooperate in the following fields:\n(a) the exchange of geologists;\n(b) joint surveys of offshore deposits.\n\n5. Korea will host the first meeting.";
    const out = run(text);
    expect(out.map((c) => [c.kind, c.quote])).toEqual([
      [
        "pledge",
        "The Parties will cooperate in the following fields:\n(a) the exchange of geologists;\n(b) joint surveys of offshore deposits.",
      ],
      ["pledge", "Korea will host the first meeting."],
    ]);
    expect(out[0]!.rules).toContain("C16");
    expect(out[0]!.rules).not.toContain("C12");
    // "agreed to:" opens a list of actions: each item is its own pledge (C12).
    const actions = run(
      "The Ministers agreed to:\n(a) open a trade office in Busan;\n(b) launch talks on halal standards.",
    );
    expect(actions.map((c) => c.rules.includes("C12"))).toEqual([true, true]);
  });

  it("C17: 'agreed that … should / is' is a shared view; 'agreed that … will' is a pledge", () => {
    expect(one("The two sides agreed that maritime disputes should be settled under international law.")).toMatchObject(
      {
        kind: "position",
        rules: expect.arrayContaining(["C17"]),
      },
    );
    expect(one("Both sides agreed that it is important to keep supply chains open.").kind).toBe("position");
    expect(one("Both sides agreed that the Joint Commission is to meet in Seoul in May.").kind).toBe("pledge");
    expect(one("The two sides agreed that the next round of talks will be held in Penang in March.")).toMatchObject({
      kind: "pledge",
      targetDate: "2025-03-31",
    });
  });

  it("C18: a subject that names an activity carries the action ('Talks on … will continue'); a party subject does not", () => {
    const c = one("Talks on a digital trade agreement will continue in parallel.");
    expect(c).toMatchObject({ kind: "pledge", strength: "binding", parties: ["KR", "MY"] });
    expect(c.rules).toContain("C18");
    expect(one("The two sides will continue to work closely together.").kind).toBe("position");
    expect(one("Our friendship will continue to grow.").kind).toBe("position");
    expect(one("It will continue in parallel.").kind).toBe("position");
  });
});

describe("where a sentence is not cut (C19–C21)", () => {
  it("C19: 'and to report …' is the report-back of the same commitment", () => {
    const c = one(
      "The Ministers instructed their officials to draft a customs roadmap and to report to the Joint Commission.",
    );
    expect(c.rules).toEqual(expect.arrayContaining(["C4", "C19"]));
  });

  it("C20: a second verb of a relative clause ('which will … and will …') describes the thing, not a new pledge", () => {
    const c = one(
      "Both sides will establish a Youth Council, which will meet in Seoul and will be chaired by the two ministers of youth.",
    );
    expect(c.rules).toContain("C20");
    // Without the relative pronoun, a new "and will" is still a new clause (C3).
    expect(run("Korea will build a training centre in Kedah and will send twenty instructors.")).toHaveLength(2);
  });

  it("C21: a second infinitive that names the first one's instrument is a step to the same target", () => {
    const c = one(
      "The two sides agreed to complete the feasibility study on the Green Shipping Corridor and to open the Corridor to traffic next year.",
    );
    expect(c).toMatchObject({ kind: "pledge", targetDate: "2025-12-31" });
    expect(c.rules).toContain("C21");
    // Party names and words every instrument has ("Joint", "Committee") do not join two targets.
    expect(
      run("Both sides agreed to open a Korea Trade Office in Penang and to send a Korea trade mission to Sabah.")
        .length,
    ).toBe(2);
    expect(
      run(
        "Both sides agreed to convene the Joint Trade Committee in March and to sign a Joint Declaration on fisheries.",
      ).length,
    ).toBe(2);
  });
});

describe("found by the held-out statements (fixed after their figures were taken)", () => {
  it("P8: a party's name in a dashed compound ('the Korea–Malaysia Action Plan') is no subject; C4 reads through it", () => {
    const c = one("The Meeting tasked the Korea–Malaysia Senior Officials to draft a halal trade roadmap.");
    expect(c).toMatchObject({ kind: "pledge", parties: ["KR", "MY"], rules: expect.arrayContaining(["C4", "P4"]) });
    expect(one("Korea will fund the Korea–Malaysia Digital Hub in Cyberjaya.").parties).toEqual(["KR"]);
    expect(one("The Korea-Malaysia Working Group will meet in Seoul in March.").parties).toEqual(["KR", "MY"]);
  });

  it("S2: a capitalised cue word inside a name ('the … Action Plan to …') is part of the name, not a cue", () => {
    const c = one("Both sides agreed to extend the Green Economy Action Plan to cover hydrogen.");
    expect(c).toMatchObject({ kind: "pledge", strength: "binding" });
    expect(one("Korea plans to open a trade office in Johor.").strength).toBe("intent");
  });

  it("C10: 'ensure its success' is nothing checkable", () => {
    expect(one("The two sides will work together to ensure its success.").kind).toBe("position");
  });

  it("D13 / D15 through the extractor: 'within six months of the entry into force of this Arrangement' has no date; 'at least once a year' recurs", () => {
    const a = one(
      "The Parties shall set up a secretariat within six months of the entry into force of this Arrangement.",
    );
    expect([a.targetDate, a.rules]).toEqual([null, expect.arrayContaining(["D13"])]);
    const b = one("The Joint Committee shall meet at least once a year in Seoul or Kuala Lumpur.");
    expect([b.targetDate, b.targetPrecision, b.flags]).toEqual([
      "2025-11-25",
      "day",
      expect.arrayContaining(["recurring"]),
    ]);
  });
});

describe("found by the second held-out round (fixed after its figures were taken)", () => {
  it("C3: 'and' after a part with no verb joins two subjects ('Korea and Malaysia agreed'), and 'the United States will' is a new subject", () => {
    const c = one(
      "KUALA LUMPUR, May 2 - South Korea and Malaysia agreed on Friday to open talks on a digital trade pact.",
    );
    expect(c.parties).toEqual(["KR", "MY"]);
    const us = extractCandidates(
      "We intend to launch a critical minerals initiative, and the United States will host a meeting of experts next month.",
      { documentDate: "2024-11-25", parties: partyNamesFor(["US", "JP"]) },
    );
    expect(us.map((x) => [x.strength, x.parties])).toEqual([
      ["intent", ["US", "JP"]],
      ["binding", ["US"]],
    ]);
  });

  it("C10: 'remain in close touch', 'stay in contact' have nothing checkable", () => {
    expect(one("The leaders agreed to remain in close touch.").kind).toBe("position");
    expect(one("Both ministers will stay in regular contact.").kind).toBe("position");
    expect(one("Malaysia will maintain zero tariffs on Korean semiconductors.").kind).toBe("pledge");
  });

  it("C22: 'will / would be' + an evaluative adjective is a forecast or an evaluation, not an action", () => {
    expect(one("Analysts said the new target would be difficult to meet.")).toMatchObject({
      kind: "position",
      rules: expect.arrayContaining(["C22"]),
    });
    expect(one("Cooperation on batteries will be crucial for both economies.").kind).toBe("position");
    expect(one("Korea will be the first to ratify the digital pact.").kind).toBe("pledge");
  });

  it("D15 through the extractor: a capitalised 'Annual' inside a name ('the Annual Summit') is no recurrence", () => {
    const c = one(
      "They tasked their officials to prepare a roadmap on shipbuilding for adoption at the Annual Summit.",
    );
    expect([c.targetDate, c.flags]).toEqual([null, expect.not.arrayContaining(["recurring"])]);
    expect(one("The two sides will hold annual talks on shipbuilding.").flags).toContain("recurring");
  });
});

describe("found by the third held-out round (fixed after its figures were taken)", () => {
  it("C16: a scope list ends at a blank line or a sub-numbered paragraph ('2.2' is no item of '2.1')", () => {
    const text =
      "2.1 The Participants intend to cooperate in the following areas:\n(a) solar power;\n(b) battery storage.\n\n2.2 Korea will host the first workshop on solar power.";
    expect(run(text).map((c) => [c.paragraph, c.rules.includes("C16")])).toEqual([
      ["2.1", true],
      ["2.2", false],
    ]);
  });

  it("C14: 'will take effect on the date of its signature' is a final clause", () => {
    expect(one("This Arrangement will take effect on the date of its signature.")).toMatchObject({
      kind: "position",
      rules: expect.arrayContaining(["C14"]),
    });
  });

  it("C3: '…, and that <subject> would …' is a second object of 'agreed': a second candidate", () => {
    const out = pledges(
      "The two Leaders agreed that the Joint Commission would meet in Penang in 2025, and that both sides would open a trade office in Busan this year.",
    );
    expect(out.map((c) => c.targetDate)).toEqual(["2025-12-31", "2024-12-31"]);
  });

  it("P9: in Korean the name with a topic or subject particle owes it, not a name in the object", () => {
    expect(one("한국 측은 말레이시아 반도체 산업에 대한 투자 계획을 마련할 예정이다.").parties).toEqual(["KR"]);
    expect(one("말레이시아는 한국 기업의 투자를 지원하기로 하였다.").parties).toEqual(["MY"]);
    expect(one("양 정상은 말레이시아 국방 산업 협력을 확대하기로 합의하였다.").parties).toEqual(["KR", "MY"]);
  });
});

describe("found by the fourth held-out round (fixed after its figures were taken)", () => {
  it("C3: a part whose verb is irregular ('set') or only a cue ('the target of') is a clause: 'and agreed to' cuts after it", () => {
    const out = pledges(
      "The two sides set the target of tripling tourist arrivals by 2030 and agreed to open a visa centre in Penang next year.",
    );
    expect(out.map((c) => [c.strength, c.targetDate])).toEqual([
      ["intent", "2030-12-31"],
      ["binding", "2025-12-31"],
    ]);
  });

  it("C10: a clause cut off an unspecific cue keeps the cue ('agreed to remain in contact and to hold the next summit …')", () => {
    const out = run("The two sides agreed to remain in regular contact and to hold the next summit in Penang.");
    expect(out.map((c) => [c.kind, c.strength])).toEqual([
      ["position", null],
      ["pledge", "binding"],
    ]);
  });

  it("C5: a party restating its own offer ('reiterated its offer to …') owes it; restating a commitment to an abstraction stays a position", () => {
    expect(one("Korea reiterated its offer to train 500 Malaysian nurses by 2027.")).toMatchObject({
      kind: "pledge",
      strength: "binding",
      parties: ["KR"],
      rules: expect.arrayContaining(["C5"]),
    });
    expect(one("Malaysia reaffirmed its commitment to regional peace.").kind).toBe("position");
  });

  it("P10: in reported speech the speaker is not the subject; a pronoun after 'said' is the speaker", () => {
    expect(
      one("Malaysia's trade ministry said the halal agreement would be signed within three months.").parties,
    ).toEqual(["KR", "MY"]);
    expect(one("Malaysia said it would open a consulate in Busan next year.").parties).toEqual(["MY"]);
    const c = one("The Malaysian minister said that Korea would fund a semiconductor training centre in Penang.");
    expect(c.parties).toEqual(["KR"]);
    expect(c.rules).toContain("P10");
  });
});
