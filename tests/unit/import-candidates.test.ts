import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { extractCandidates } from "@/lib/import/candidates";
import { keywordPattern, THEMES } from "@/lib/import/lexicon";
import { isKnownPartyCode, PARTY_NAMES, partyNamesFor } from "@/lib/import/party-names";

import { KR_MY, one, pledges, run } from "../support/import-rules";

const ROOT = path.resolve(__dirname, "../..");
const DEV = path.join(ROOT, "tests/fixtures/import/dev");

describe("what counts (C rules)", () => {
  it("C0: a sentence with no cue gives no candidate", () => {
    expect(run("The Prime Minister arrived in Seoul on 24 November 2024 for a three-day visit.")).toEqual([]);
  });

  it("C1 + C2: a future action with a checkable object is a pledge", () => {
    const c = one("The two sides will hold the next Joint Commission meeting in Kuala Lumpur.");
    expect(c).toMatchObject({ kind: "pledge", strength: "binding" });
    expect(c.rules.slice(0, 2)).toEqual(["C1", "C2"]);
  });

  it("C10: a cue with nothing checkable after it is a position, not a pledge", () => {
    const c = one("The two sides will continue to work closely together to further strengthen cooperation.");
    expect(c).toMatchObject({ kind: "position", strength: null, rules: expect.arrayContaining(["C10"]) });
  });

  it("C3: a sentence with two targets gives two candidates, each quoting the clause with its target", () => {
    const text =
      "The two sides agreed to conclude the Free Trade Agreement by next year and to establish a Joint Committee on Defence Industry.";
    const out = pledges(text);
    expect(out.map((c) => c.quote)).toEqual([
      "The two sides agreed to conclude the Free Trade Agreement by next year",
      "to establish a Joint Committee on Defence Industry.",
    ]);
    expect(out.every((c) => c.rules.includes("C3"))).toBe(true);
    expect(out.map((c) => c.theme)).toEqual(["trade", "defence"]);
  });

  it("C3: a list of measures for one target stays one candidate", () => {
    const out = pledges(
      "Both sides will strengthen defence cooperation, including through joint exercises, exchanges of cadets and defence industry projects.",
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.rules).not.toContain("C3");
  });

  it("C3: a named party's own clause after 'and' is its own candidate", () => {
    const out = pledges(
      "Malaysia will host the next summit in 2026, and Korea will provide training for 50 officials.",
    );
    expect(out.map((c) => c.parties)).toEqual([["MY"], ["KR"]]);
  });

  it("C4: tasking an official or a body is a pledge, with the strength of the task", () => {
    const a = one("The Leaders instructed their ministers to finalise the roadmap for the partnership.");
    expect(a).toMatchObject({ kind: "pledge", strength: "binding", parties: ["KR", "MY"] });
    expect(a.rules[0]).toBe("C4");
    const b = one("They tasked the Joint Commission to explore cooperation on semiconductors.");
    expect(b).toMatchObject({ kind: "pledge", strength: "exploratory" });
    expect(b.rules[0]).toBe("C4");
  });

  it("C5: a party's offer or plan that the text welcomes is that party's pledge", () => {
    const a = one("Malaysia welcomed Korea's offer to provide 100 scholarships a year to Malaysian students.");
    expect(a).toMatchObject({
      kind: "pledge",
      strength: "binding",
      parties: ["KR"],
      rules: expect.arrayContaining(["C5", "P3"]),
    });
    const b = one("Korea welcomed Malaysia's plan to open a trade office in Busan.");
    expect(b).toMatchObject({ strength: "intent", parties: ["MY"] });
  });

  it.each([
    ["welcoming", "The Leaders welcomed the signing of the MoU on defence industry cooperation in September 2023."],
    ["noting", "The two sides noted the steady growth of bilateral trade in recent years."],
    ["recalling", "The Leaders recalled the 60th anniversary of diplomatic relations."],
    ["praising", "The Leaders praised the progress of the Korea-Malaysia FTA negotiations."],
    ["reaffirming a position", "The Leaders reaffirmed the importance of the rules-based international order."],
  ])("C6: %s is a position", (_label, text) => {
    expect(one(text)).toMatchObject({ kind: "position", strength: null, rules: expect.arrayContaining(["C6"]) });
  });

  it("C6: a leading participle does not make the sentence a position", () => {
    const c = one(
      "Recognising the potential of green hydrogen, the two sides agreed to launch a joint pilot project in Sarawak.",
    );
    expect(c.kind).toBe("pledge");
  });

  it.each([
    ["condemnation", "The Leaders condemned the missile launches by the DPRK."],
    ["concern", "The two sides expressed deep concern over the situation in Myanmar."],
  ])("C7: %s is a position", (_label, text) => {
    expect(one(text)).toMatchObject({ kind: "position", rules: expect.arrayContaining(["C7"]) });
  });

  it.each([
    ["called on", "The Leaders called on all parties to exercise restraint and resolve disputes peacefully."],
    ["urged", "They urged the DPRK to abandon its nuclear weapons programme."],
  ])("C8: a position on a third party (%s) is a position", (_label, text) => {
    expect(one(text)).toMatchObject({ kind: "position", rules: expect.arrayContaining(["C8"]) });
  });

  it.each([
    ["look forward", "The Leaders look forward to the early conclusion of the ASEAN-Korea FTA upgrade."],
    ["hope", "Both leaders hoped for lasting peace and stability in the region."],
    ["importance", "The two sides agreed on the importance of resilient supply chains."],
  ])("C9: a bare aspiration (%s) is a position", (_label, text) => {
    expect(one(text)).toMatchObject({ kind: "position", rules: expect.arrayContaining(["C9"]) });
  });

  it("C11: a pledge in reported speech outside quotation marks is flagged as commentary; inside quotes it is not", () => {
    const a = one("The Prime Minister said the two sides would sign the FTA by next year.");
    expect(a.rules).toContain("C11");
    expect(a.rules.join(" ")).toMatch(/C11/);
    const b = one('"We will sign the FTA by next year," the Prime Minister told reporters.');
    expect(b.kind).toBe("pledge");
    expect(b.rules).not.toContain("C11");
    expect(
      extractCandidates("The Prime Minister said the two sides would sign the FTA by next year.", opts())[0]!.flags,
    ).toEqual(["commentary"]);
  });

  it("C12: items under a lead-in ending in ':' are pledges with the lead's strength and owers", () => {
    const text =
      "3. The two sides agreed to:\n(a) launch negotiations on a digital economy agreement;\n(b) establish a working group on rare earths.";
    const out = run(text);
    expect(out.map((c) => [c.paragraph, c.kind, c.strength, c.theme])).toEqual([
      ["a", "pledge", "binding", "digital"],
      ["b", "pledge", "binding", "critical-minerals"],
    ]);
    expect(out.every((c) => c.rules.includes("C12") && c.parties.length === 2)).toBe(true);
    // An inline list: the items after "; (b)" take the cue of the clause that opened the list.
    const inline = run(
      "The Ministers agreed to: (a) launch talks on a digital economy agreement; (b) open a trade office in Busan.",
    );
    expect(inline.map((c) => [c.kind, c.strength, c.theme])).toEqual([
      ["pledge", "binding", "digital"],
      ["pledge", "binding", "trade"],
    ]);
    expect(inline[1]!.quote).toBe("(b) open a trade office in Busan.");
    // Without a lead-in, an item with no cue is nothing.
    expect(run("(a) launch negotiations on a digital economy agreement;")).toEqual([]);
  });

  it("C13: reaffirming a commitment to a checkable action is a pledge; to an abstraction, a position", () => {
    const a = one("The Leaders reaffirmed their commitment to conclude the FTA negotiations by next year.");
    expect(a).toMatchObject({ kind: "pledge", rules: expect.arrayContaining(["C13"]) });
    expect(one("The Leaders reaffirmed their commitment to peace and stability.").kind).toBe("position");
  });
});

describe("final clauses", () => {
  it("C14: the instrument's own final clauses are positions, not pledges", () => {
    const out = run(
      "This Memorandum shall come into effect on the date of its signing and shall remain in force for five years.",
    );
    expect(out.map((c) => [c.kind, c.rules[0]])).toEqual([
      ["position", "C14"],
      ["position", "C14"],
    ]);
    expect(one("The Parties shall establish a Joint Working Group within six months.").kind).toBe("pledge");
  });
});

function opts() {
  return { documentDate: "2024-11-25", parties: KR_MY };
}

describe("strength (S rules)", () => {
  it.each([
    ["will", "Korea will provide 100 scholarships a year to Malaysian students."],
    ["shall", "The Parties shall exchange information on customs procedures."],
    ["agreed to", "The two sides agreed to sign the FTA within the year."],
    ["decided to", "The Leaders decided to upgrade the Joint Commission to ministerial level."],
    ["hereby establish", "The Leaders hereby establish a Strategic Partnership."],
    ["committed to", "Both countries are committed to doubling bilateral investment."],
    ["resolved to", "The Leaders resolved to expand cooperation in semiconductors."],
    ["pledged", "Malaysia pledged to host the regional forum on cyber security."],
    ["Malay akan", "Kedua-dua pihak akan menubuhkan jawatankuasa bersama mengenai pertahanan."],
    ["Korean 합의했다", "양국은 자유무역협정 협상을 타결하기로 합의했다."],
  ])("S1: %s is binding", (_label, text) => {
    expect(one(text)).toMatchObject({ kind: "pledge", strength: "binding", rules: expect.arrayContaining(["S1"]) });
  });

  it.each([
    ["aim to", "The two countries aim to raise bilateral trade to US$ 30 billion."],
    ["plan to", "Korea plans to open a cultural centre in Kuala Lumpur."],
    ["seek to", "The two sides seek to diversify critical mineral supply chains."],
    ["intend to", "Malaysia intends to join the Korea-led semiconductor alliance."],
    ["endeavour", "Both sides endeavour to complete the feasibility report on the rail link."],
    ["strive", "Both countries strive to deepen defence industry cooperation."],
    ["work towards", "They work towards the mutual recognition of halal certification."],
    ["stand ready to", "The EU stands ready to support Viet Nam's accession to the research programme."],
  ])("S2: %s is intent", (_label, text) => {
    expect(one(text)).toMatchObject({ kind: "pledge", strength: "intent", rules: expect.arrayContaining(["S2"]) });
  });

  it.each([
    ["explore", "The two sides will explore cooperation on small modular reactors."],
    ["consider", "Korea will consider visa exemptions for Malaysian business travellers."],
    ["study the possibility", "They agreed to study the possibility of a direct flight to Kota Kinabalu."],
    ["look into", "The Ministers will look into a joint fund for start-up companies."],
    ["discuss the possibility", "Both sides agreed to discuss the possibility of a currency swap arrangement."],
  ])("S3: %s is exploratory", (_label, text) => {
    expect(one(text)).toMatchObject({ kind: "pledge", strength: "exploratory", rules: expect.arrayContaining(["S3"]) });
  });

  it.each([
    ["will not", "Malaysia will not impose export restrictions on rare earth concentrates."],
    ["shall refrain", "The Parties shall refrain from discriminatory measures against investors."],
  ])("S4: negation (%s) is flagged", (_label, text) => {
    const c = one(text);
    expect(c.flags).toContain("negation");
    expect(c.rules).toContain("S4");
  });

  it.each([
    ["subject to", "Korea will fund the study, subject to parliamentary approval."],
    ["if", "Malaysia will open the market to Korean beef if the audit is successful."],
    ["where appropriate", "Both sides will share threat information on cyber attacks where appropriate."],
    ["as necessary", "The Joint Commission will meet as necessary to review the tourism roadmap."],
  ])("S5: a condition (%s) is flagged", (_label, text) => {
    const c = one(text);
    expect(c.flags).toContain("condition");
    expect(c.rules).toContain("S5");
  });

  it("S6: chained cues combine and the weakest wins; a cue further on does not chain", () => {
    expect(one("The two sides agreed to explore a bilateral investment treaty.")).toMatchObject({
      strength: "exploratory",
      rules: expect.arrayContaining(["S3", "S6"]),
    });
    expect(one("Both sides will seek to expand LNG trade.").strength).toBe("intent");
    const c = one("The two sides agreed to establish a working group on batteries that will explore joint ventures.");
    expect(c.strength).toBe("binding");
    expect(c.rules).not.toContain("S6");
  });

  it("S7: a parallel 'and to …' clause takes the strength and owers of the clause it continues", () => {
    const out = pledges("Malaysia agreed to explore LNG supply deals and to study new hydrogen pipelines for export.");
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ strength: "exploratory", parties: ["MY"], rules: expect.arrayContaining(["S7"]) });
  });
});

describe("theme (T rules, lexicon)", () => {
  const examples: Record<string, string> = {
    defence: "Both sides will expand defence industry cooperation.",
    trade: "Both sides will conclude the free trade agreement negotiations.",
    investment: "Both sides will double bilateral investment flows.",
    "energy-climate": "Both sides will develop renewable energy projects.",
    "critical-minerals": "Both sides will secure critical minerals such as lithium.",
    digital: "Both sides will cooperate on semiconductors and artificial intelligence.",
    tourism: "Both sides will promote tourism through new direct flights.",
    education: "Both sides will increase scholarships for university students.",
    culture: "Both sides will hold a cultural festival and heritage exhibitions.",
    security: "Both sides will combat terrorism and transnational crime.",
    health: "Both sides will cooperate on pandemic preparedness and vaccines.",
    regional: "Both sides will support ASEAN centrality in the Indo-Pacific region.",
    political: "Both sides will hold annual high-level dialogue and consultations.",
  };
  it.each(THEMES.map((t) => [t.rule, t.id]))("%s: %s keywords give the theme", (rule, id) => {
    const c = one(examples[id]!);
    expect(c.theme).toBe(id);
    expect(c.rules).toContain(rule);
  });

  it("T0: no keyword gives 'political'", () => {
    const c = one("Both sides will publish a joint booklet of photographs.");
    expect(c).toMatchObject({ theme: "political", rules: expect.arrayContaining(["T0"]) });
  });

  it("ties go to the theme listed first; a '*' keyword matches words that begin with it, all-caps ones only in capitals", () => {
    expect(one("Both sides will train defence and trade officials.").theme).toBe("defence");
    expect(keywordPattern("defen*").test("defensive")).toBe(true);
    expect(keywordPattern("AI").test("said")).toBe(false);
    expect(keywordPattern("AI").test("ai")).toBe(false);
    expect(keywordPattern("AI").test("on AI safety")).toBe(true);
  });

  it("the codebook's lexicon table is the lexicon of lib/import/lexicon.ts", () => {
    const codebook = readFileSync(path.join(ROOT, "docs/import-codebook.md"), "utf8");
    const words = (cell: string) => (cell === "—" ? [] : cell.split(", ").map((k) => k.replace(/^`|`$/g, "")));
    const rows = [
      ...codebook.matchAll(/^\|\s*(T\d+)\s*\|\s*`([a-z-]+)`\s*\|\s*([^|]+?)\s*\|\s*(.+?)\s*\|\s*(.+?)\s*\|$/gm),
    ].map((m) => ({ rule: m[1], id: m[2], label: m[3]!.trim(), keywords: words(m[4]!), general: words(m[5]!) }));
    expect(rows).toEqual(
      THEMES.map((t) => ({
        rule: t.rule,
        id: t.id,
        label: t.label,
        keywords: [...t.keywords],
        general: [...(t.general ?? [])],
      })),
    );
  });
});

describe("parties (P rules)", () => {
  it.each([
    "both sides",
    "The two countries",
    "The Leaders",
    "Both Leaders",
    "The two leaders",
    "The Parties",
    "We",
    "Kedua-dua pihak",
  ])("P1: '%s' names every party", (subject) => {
    const c = one(`${subject} will launch a joint fund for green hydrogen projects.`);
    expect(c).toMatchObject({ parties: ["KR", "MY"], rules: expect.arrayContaining(["P1"]) });
  });

  it.each([
    ["Korea", ["KR"]],
    ["The Republic of Korea", ["KR"]],
    ["ROK", ["KR"]],
    ["South Korea", ["KR"]],
    ["Seoul", ["KR"]],
    ["The Malaysian Government", ["MY"]],
    ["Korea and Malaysia", ["KR", "MY"]],
  ])("P2: '%s' as the subject owes it", (subject, codes) => {
    const c = one(`${subject} will launch a joint fund for green hydrogen projects.`);
    expect(c.parties).toEqual(codes);
    expect(c.rules).toContain("P2");
  });

  it("P3: the owner of a welcomed offer owes it (see C5)", () => {
    expect(one("Malaysia welcomed Korea's offer to train 200 Malaysian nurses.").rules).toContain("P3");
  });

  it("P4: with no subject named, every party owes it, or the clause it continues names them", () => {
    expect(one("A joint committee on halal products will be established in 2025.")).toMatchObject({
      parties: ["KR", "MY"],
      rules: expect.arrayContaining(["P4"]),
    });
    const out = pledges("Korea will build a training centre in Penang and will provide 30 instructors for it.");
    expect(out.map((c) => c.parties)).toEqual([["KR"], ["KR"]]);
    expect(out[1]!.rules).toContain("P4");
  });

  it("P5: a name after a preposition, or inside another state's name, is not the subject", () => {
    expect(one("In Seoul, the two leaders agreed to launch a maritime dialogue.").parties).toEqual(["KR", "MY"]);
    expect(one("Cooperation with Malaysia will be expanded to four new sectors.").parties).toEqual(["KR", "MY"]);
    expect(one("North Korea will be invited to the regional forum on maritime safety.").parties).toEqual(["KR", "MY"]);
  });

  it("P6: party names cover the G20, ASEAN and the EU; an unknown code is refused", () => {
    const expected = "AR AU BR CA CN FR DE IN ID IT JP KR MX RU SA ZA TR GB US EU BN KH LA MY MM PH SG TH VN TL".split(
      " ",
    );
    for (const code of expected) expect(isKnownPartyCode(code), code).toBe(true);
    expect(Object.keys(PARTY_NAMES).sort()).toEqual([...expected].sort());
    expect(() => partyNamesFor(["KR", "XX"])).toThrow(/Unknown party code "XX"/);
    const sgvn = extractCandidates("Viet Nam will host the next dialogue in Ha Noi in 2026.", {
      documentDate: "2025-07-08",
      parties: partyNamesFor(["SG", "VN"]),
    });
    expect(sgvn.map((c) => c.parties)).toEqual([["VN"]]);
  });
});

describe("pronoun subjects", () => {
  it("P7: 'It' / 'They' at a sentence's start take the owers of the paragraph's previous candidate", () => {
    const out = pledges(
      "Korea will build a training centre in Penang. It will also send 30 instructors to the centre.",
    );
    expect(out.map((c) => [c.parties, c.rules.includes("P7")])).toEqual([
      [["KR"], false],
      [["KR"], true],
    ]);
    // In a new paragraph there is no antecedent: every party.
    expect(
      pledges("Korea will build a training centre in Penang.\n\nIt will also send 30 instructors.")[1]!.parties,
    ).toEqual(["KR", "MY"]);
  });
});

describe("deadlines (from lib/import/deadlines.ts)", () => {
  it("a pledge carries its deadline phrase, date and precision and the D rule that resolved it", () => {
    const c = one("The two sides agreed to conclude the FTA negotiations by next year.");
    expect(c).toMatchObject({ deadlinePhrase: "by next year", targetDate: "2025-12-31", targetPrecision: "year" });
    expect(c.rules.some((r) => /^D\d+$/.test(r))).toBe(true);
  });

  it("a position carries no deadline", () => {
    const c = one("The Leaders welcomed the plan for a summit by next year in Kuala Lumpur.");
    expect(c).toMatchObject({ kind: "position", deadlinePhrase: null, targetDate: null, targetPrecision: null });
  });
});

describe("offsets and languages", () => {
  const devTexts = readdirSync(DEV)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => {
      const labels = JSON.parse(readFileSync(path.join(DEV, f.replace(/\.txt$/, ".labels.json")), "utf8")) as {
        documentDate: string;
        parties: string[];
      };
      return [f, readFileSync(path.join(DEV, f), "utf8"), labels] as const;
    });

  it.each(devTexts)("every candidate of %s quotes text.slice(start, end), trimmed", (_f, text, labels) => {
    const out = extractCandidates(text, { documentDate: labels.documentDate, parties: partyNamesFor(labels.parties) });
    expect(out.length).toBeGreaterThan(5);
    for (const c of out) {
      expect(text.slice(c.start, c.end)).toBe(c.quote);
      expect(c.quote).toBe(c.quote.trim());
    }
  });

  it("offsets hold with CRLF line ends, a leading BOM-less indent and astral characters", () => {
    const text =
      "\r\n  1. 🇰🇷 Korea will open a centre in Johor.\r\n\r\n2. Malaysia will send 20 🎓 students to Seoul.\r\n";
    const out = run(text);
    expect(out.map((c) => c.quote)).toEqual([
      "🇰🇷 Korea will open a centre in Johor.",
      "Malaysia will send 20 🎓 students to Seoul.",
    ]);
  });

  it("Korean and Malay paragraphs survive intact as quotes", () => {
    const korean = "양국 정상은 2025년까지 디지털 경제 파트너십 협정 협상을 개시하기로 합의했다.";
    const malay =
      "Kedua-dua pihak bersetuju untuk meningkatkan kerjasama dalam bidang pelancongan menjelang tahun 2026.";
    const out = run(`12. ${malay}\n\n13. ${korean}`);
    expect(out.map((c) => [c.paragraph, c.quote, c.kind, c.parties])).toEqual([
      [12, malay, "pledge", ["KR", "MY"]],
      [13, korean, "pledge", ["KR", "MY"]],
    ]);
    expect(out.map((c) => c.theme)).toEqual(["tourism", "digital"]);
  });
});

describe("the codebook", () => {
  const codebook = readFileSync(path.join(ROOT, "docs/import-codebook.md"), "utf8");
  // The rules of the generalisation pass have their tests in import-rules.test.ts and import-rules-real.test.ts.
  const thisFile =
    readFileSync(__filename, "utf8") +
    readFileSync(path.join(__dirname, "import-rules.test.ts"), "utf8") +
    readFileSync(path.join(__dirname, "import-rules-real.test.ts"), "utf8") +
    readFileSync(path.join(__dirname, "import-rules-real4.test.ts"), "utf8") +
    readFileSync(path.join(__dirname, "import-rules-real5.test.ts"), "utf8");
  const ids = [...new Set([...codebook.matchAll(/^\|\s*\*\*([CSTP]\d+)\*\*/gm)].map((m) => m[1]!))];

  it("lists its rules, and each C, S, T and P rule has a test here that names it", () => {
    const expected = [
      ...Array.from({ length: 29 }, (_, i) => `C${i}`),
      ...Array.from({ length: 7 }, (_, i) => `S${i + 1}`),
      ...Array.from({ length: 10 }, (_, i) => `P${i + 1}`),
      "T0",
      "T1",
      "T14",
      "T15",
      "T16",
      "T17",
      "T18",
      "T19",
      "T20",
    ];
    expect([...ids].sort()).toEqual(expected.sort());
    for (const id of ids) {
      if (id.startsWith("T") && id !== "T0") continue; // T1–T13: the lexicon table test above covers each
      expect(thisFile.includes(`"${id}`) || thisFile.includes(`${id}:`), id).toBe(true);
    }
  });
});
