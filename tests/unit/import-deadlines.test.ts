import { describe, expect, it } from "vitest";

import { resolveDeadline } from "@/lib/import/deadlines";

const DOC = "2024-11-25";

/** Resolves `sentence`, checks the phrase sits at its offsets, and returns the result. */
function resolve(sentence: string, doc = DOC) {
  const r = resolveDeadline(sentence, doc);
  if (r.phrase !== null) expect(sentence.slice(r.start ?? -1, r.end ?? -1)).toBe(r.phrase);
  else expect([r.start, r.end]).toEqual([null, null]);
  return r;
}

/** The phrase found, its target and precision, and the rule that chose it. */
function expectDated(sentence: string, phrase: string, date: string, precision: string, rule: string, doc = DOC) {
  const r = resolve(sentence, doc);
  expect({ phrase: r.phrase, date: r.targetDate, precision: r.precision, vague: r.vague }).toEqual({
    phrase,
    date,
    precision,
    vague: false,
  });
  expect(r.rules[0]).toBe(rule);
  return r;
}

function expectVague(sentence: string, phrase: string | null, rule: string, doc = DOC) {
  const r = resolve(sentence, doc);
  expect({ phrase: r.phrase, date: r.targetDate, precision: r.precision, vague: r.vague }).toEqual({
    phrase,
    date: null,
    precision: null,
    vague: true,
  });
  expect(r.rules[0]).toBe(rule);
  return r;
}

function expectNoDeadline(sentence: string, doc = DOC) {
  const r = resolve(sentence, doc);
  expect({ phrase: r.phrase, date: r.targetDate }).toEqual({ phrase: null, date: null });
  return r;
}

describe("the issue's table, verbatim, for a text dated 2024-11-25", () => {
  it.each([
    ["by next year", "2025-12-31", "year"],
    ["next year", "2025-12-31", "year"],
    ["by 2030", "2030-12-31", "year"],
    ["by the end of 2030", "2030-12-31", "year"],
    ["until the end of year 2030", "2030-12-31", "year"],
    ["before the end of this year", "2024-12-31", "year"],
    ["this year", "2024-12-31", "year"],
    ["next month", "2024-12-31", "month"],
    ["in March", "2025-03-31", "month"],
    ["by mid-2026", "2026-06-30", "month"],
    ["in the first half of 2026", "2026-06-30", "month"],
    ["Q1 2025", "2025-03-31", "quarter"],
    ["in the first quarter of 2025", "2025-03-31", "quarter"],
    ["within two years", "2026-11-25", "day"],
    ["for 2024–2029", "2029-12-31", "year"],
    ["(2024-2028)", "2028-12-31", "year"],
  ])("%s → %s (%s)", (phrase, date, precision) => {
    const sentence = `The two sides will complete the work ${phrase}.`;
    const r = resolve(sentence);
    expect([r.phrase, r.targetDate, r.precision, r.vague, r.recurring]).toEqual([
      phrase,
      date,
      precision,
      false,
      false,
    ]);
  });

  it.each(["annual", "yearly"])("%s → one year on (2025-11-25), recurring, day", (word) => {
    const sentence = `The Leaders will hold an ${word} dialogue on energy.`;
    const r = resolve(sentence);
    expect([r.phrase, r.targetDate, r.precision, r.recurring, r.vague]).toEqual([
      word,
      "2025-11-25",
      "day",
      true,
      false,
    ]);
  });

  it.each(["at an early date", "as soon as possible", "in the coming months", "by the next summit"])(
    "%s → no date, flagged vague",
    (phrase) => {
      expectVague(`Both sides will conclude the negotiations ${phrase}.`, phrase, "D17");
    },
  );

  it("none → no date, flagged vague (D0)", () => {
    const r = expectVague("Both sides will deepen cooperation in the defence industry.", null, "D0");
    expect(r.recurring).toBe(false);
  });
});

describe("one test per rule", () => {
  it("D1: a deadline word before a year", () => {
    expectDated("The FTA will enter into force no later than 2027.", "no later than 2027", "2027-12-31", "year", "D1");
    expectDated("Trade will double by end-2026.", "by end-2026", "2026-12-31", "year", "D1");
    expectDated("Both sides aim to finish by the year 2028.", "by the year 2028", "2028-12-31", "year", "D1");
    expectDated("We will reach net zero at the end of 2050.", "at the end of 2050", "2050-12-31", "year", "D1");
    expectDated("The plant will open by late 2026.", "by late 2026", "2026-12-31", "year", "D1");
  });

  it("D2: before a period means by the end of the period before it", () => {
    const r = expectDated("The survey will be finished before 2028.", "before 2028", "2027-12-31", "year", "D1");
    expect(r.rules).toContain("D2");
    expect(resolve("The report is due before March 2025.").targetDate).toBe("2025-02-28");
    const day = resolve("Ratification will be completed before 31 March 2025.");
    expect([day.phrase, day.targetDate, day.precision, day.rules.slice(0, 2)]).toEqual([
      "before 31 March 2025",
      "2025-03-30",
      "day",
      ["D9", "D2"],
    ]);
    // "before the end of" is the end itself
    expect(resolve("It will be ready before the end of 2028.").targetDate).toBe("2028-12-31");
  });

  it("D3: 'in' a later year is a deadline; 'in' this year or an earlier one is not", () => {
    expectDated("The centre will open in 2026.", "in 2026", "2026-12-31", "year", "D3");
    expectNoDeadline("In 2023, trade reached USD 20 billion.");
    expectNoDeadline("In 2024, the two sides met four times.");
  });

  it("D4: next year", () => {
    expectDated("A review will follow by the end of next year.", "by the end of next year", "2025-12-31", "year", "D4");
  });

  it("D5: this year, within the year, by year-end", () => {
    expectDated("The roadmap will be adopted within the year.", "within the year", "2024-12-31", "year", "D5");
    expectDated("The roadmap will be adopted by year-end.", "by year-end", "2024-12-31", "year", "D5");
    expectDated("Talks resume later this year.", "later this year", "2024-12-31", "year", "D5");
    expectNoDeadline("They marked the year of friendship.");
  });

  it("D6: next month, this month", () => {
    expectDated("Officials will meet next month.", "next month", "2024-12-31", "month", "D6");
    expectDated(
      "Officials will meet by the end of this month.",
      "by the end of this month",
      "2024-11-30",
      "month",
      "D6",
    );
  });

  it("D7: a month without its year is the next one still to come", () => {
    expectDated("Experts will meet in March.", "in March", "2025-03-31", "month", "D7");
    expectDated("Experts will report by the end of June.", "by the end of June", "2025-06-30", "month", "D7");
    expectDated("Experts will meet in December.", "in December", "2024-12-31", "month", "D7");
    expectDated("Experts will meet in March next year.", "in March next year", "2025-03-31", "month", "D7");
    expectNoDeadline("Officials in may consider it."); // "may" is the verb
  });

  it("D8: a month with its year", () => {
    expectDated("The line will open by March 2025.", "by March 2025", "2025-03-31", "month", "D8");
    expectDated("The line will open in September 2026.", "in September 2026", "2026-09-30", "month", "D8");
  });

  it("D9: an explicit day, read by chrono-node", () => {
    expectDated("The ministers will sign by 31 March 2025.", "by 31 March 2025", "2025-03-31", "day", "D9");
    expectDated("The ministers will sign by 15 January.", "by 15 January", "2025-01-15", "day", "D9");
    expectDated("Submit it on or before 1 July 2025.", "on or before 1 July 2025", "2025-07-01", "day", "D9");
    expectDated("The tariff cuts apply from 1 January 2026.", "from 1 January 2026", "2026-01-01", "day", "D9");
  });

  it("D10: halves and mid-year", () => {
    expectDated(
      "It will be done in the second half of 2025.",
      "in the second half of 2025",
      "2025-12-31",
      "month",
      "D10",
    );
    expectDated("It will be done by H1 2026.", "by H1 2026", "2026-06-30", "month", "D10");
    expectDated("It will be done by the middle of 2026.", "by the middle of 2026", "2026-06-30", "month", "D10");
    expectDated("It will be done in the first half.", "in the first half", "2025-06-30", "month", "D10");
    expectNoDeadline("Green H2 production will grow."); // hydrogen, not a half
  });

  it("D11: quarters, with and without a year", () => {
    expectDated("Talks conclude in the third quarter.", "in the third quarter", "2025-09-30", "quarter", "D11");
    expectDated("Talks conclude in Q3.", "in Q3", "2025-09-30", "quarter", "D11");
    expectDated("Talks conclude in Q4.", "in Q4", "2024-12-31", "quarter", "D11");
    expectDated("Talks conclude by the end of Q2 2026.", "by the end of Q2 2026", "2026-06-30", "quarter", "D11");
    expectDated("Talks conclude next quarter.", "next quarter", "2025-03-31", "quarter", "D11");
    expectNoDeadline("Exports fell in the last quarter.");
  });

  it("D12: within / over the next N units, from the document's date", () => {
    expectDated("A plan will follow within six months.", "within six months", "2025-05-25", "day", "D12");
    expectDated("They will invest over the next five years.", "over the next five years", "2029-11-25", "day", "D12");
    expectDated("A plan will follow within 90 days.", "within 90 days", "2025-02-23", "day", "D12");
    expectDated("A plan will follow within a year.", "within a year", "2025-11-25", "day", "D12");
    expectDated("Report within 30 days of signing.", "within 30 days", "2024-12-25", "day", "D12");
    expectNoDeadline("The MoU is extended for five years.");
  });

  it("D13: a duration from another event has no date", () => {
    const r = expectVague(
      "Each side will notify the other within six months of the entry into force of the Agreement.",
      "within six months of the entry into force of the Agreement",
      "D13",
    );
    expect(r.targetDate).toBeNull();
  });

  it("D14: a period of years ends on 31 December of its last year", () => {
    expectDated(
      "An action plan for the period 2024-2028 was agreed.",
      "for the period 2024-2028",
      "2028-12-31",
      "year",
      "D14",
    );
    expectDated("The Action Plan (2024–2029) will be implemented.", "(2024–2029)", "2029-12-31", "year", "D14");
    expectDated("Cooperation from 2025 to 2030 will cover energy.", "from 2025 to 2030", "2030-12-31", "year", "D14");
    expectDated("The 2025-27 work plan will guide it.", "2025-27", "2027-12-31", "year", "D14");
    expectNoDeadline("The plan (2015-2020) helped."); // ended before the document
  });

  it("D15: recurring phrases give their first occurrence", () => {
    for (const [phrase, date] of [
      ["annually", "2025-11-25"],
      ["each year", "2025-11-25"],
      ["every two years", "2026-11-25"],
      ["every other year", "2026-11-25"],
      ["twice a year", "2025-05-25"],
      ["quarterly", "2025-02-25"],
      ["biennially", "2026-11-25"],
    ]) {
      const r = resolve(`The Joint Committee will meet ${phrase}.`);
      expect([r.phrase, r.targetDate, r.precision, r.recurring, r.rules[0]]).toEqual([
        phrase,
        date,
        "day",
        true,
        "D15",
      ]);
    }
  });

  it("D16: the end of the decade is 31 December of the document's decade", () => {
    expectDated(
      "Emissions will peak by the end of the decade.",
      "by the end of the decade",
      "2029-12-31",
      "year",
      "D16",
    );
  });

  it("D17: vague phrases never get a date", () => {
    for (const phrase of [
      "in the coming years",
      "in the near future",
      "at the earliest opportunity",
      "expeditiously",
      "in a timely manner",
      "timely",
      "at the next meeting",
      "without delay",
      "in due course",
    ]) {
      expectVague(`Both sides will act ${phrase} on this.`, phrase, "D17");
    }
  });

  it("D18: the date of a past event is not a deadline", () => {
    const r = expectNoDeadline("Recalling the MoU signed in September 2023, the two sides welcomed progress.");
    expect(r.rules).toContain("D18");
    // same day as the document: only the past-event rule can drop it
    const same = expectNoDeadline("The MoU signed on 25 November 2024 covers defence.");
    expect(same.rules).toContain("D18");
    const plusFuture = expectDated(
      "The MoU signed on 25 November 2024 will be implemented by 2026.",
      "by 2026",
      "2026-12-31",
      "year",
      "D1",
    );
    expect(plusFuture.rules).toContain("D18");
    // a future event is not a past one
    expectDated("The next summit will be held in Seoul in March 2025.", "in March 2025", "2025-03-31", "month", "D8");
    expectDated("The project is completed by 2027.", "by 2027", "2027-12-31", "year", "D1");
  });

  it("D19: a date before the document's date is never a target", () => {
    const r = expectNoDeadline("The summit held in Seoul on 12 May 2024 launched the partnership.");
    expect(r.rules.some((id) => id === "D18" || id === "D19")).toBe(true);
    expect(resolve("The task force was to report by 31 October 2024.").targetDate).toBeNull();
  });

  it("D20: a dated phrase wins over a vague one; then the first deadline word", () => {
    const r = expectDated(
      "They will act as soon as possible and in any case by 2026.",
      "by 2026",
      "2026-12-31",
      "year",
      "D1",
    );
    expect(r.rules).toContain("D20");
    expectDated("Phase one by 2026 and phase two by 2030.", "by 2026", "2026-12-31", "year", "D1");
    expectDated("Ministers will meet annually until 2030.", "until 2030", "2030-12-31", "year", "D1");
  });
});

describe("events of the document that come after its date", () => {
  it("D13: a duration from this document's entry into force has no date; from its signing it has", () => {
    const r = expectVague(
      "A secretariat shall be set up within six months of the entry into force of this Memorandum.",
      "within six months of the entry into force of this Memorandum",
      "D13",
    );
    expect(r.recurring).toBe(false);
    expectDated(
      "The lists shall be exchanged within 30 days of the signing of this Agreement.",
      "within 30 days",
      "2024-12-25",
      "day",
      "D12",
    );
  });

  it("D15: 'once a year' and 'at least once a year' recur yearly, 'once a month' monthly", () => {
    const r = expectDated(
      "The Committee shall meet at least once a year.",
      "at least once a year",
      "2025-11-25",
      "day",
      "D15",
    );
    expect(r.recurring).toBe(true);
    expectDated("Officials will talk once a month.", "once a month", "2024-12-25", "day", "D15");
    // A capitalised "Annual" after another word is in a name.
    expectNoDeadline("The roadmap will be adopted at the Annual Summit.");
    expectDated("Annual reviews will follow.", "Annual", "2025-11-25", "day", "D15");
  });
});

describe("schedules", () => {
  it("D23: 'in' the document's own year after a future action in the clause is that year; a report is not", () => {
    expectDated("The two sides will convene the Fisheries Forum in 2024.", "in 2024", "2024-12-31", "year", "D23");
    expectDated("They expressed their intention to open the office in 2024.", "in 2024", "2024-12-31", "year", "D23");
    expectNoDeadline("In 2024, the two sides met four times and will meet again.");
    expectNoDeadline("Trade grew in 2024.");
  });

  it("D22: 'planned / scheduled / due for' a year or a month and year", () => {
    expectDated("A first launch is planned for 2028.", "for 2028", "2028-12-31", "year", "D22");
    expectDated("The plant is scheduled for March 2026.", "for March 2026", "2026-03-31", "month", "D22");
    expectNoDeadline("Funds are earmarked for 2030 Agenda projects.");
    expectNoDeadline("The review, due for 2023, was late.");
  });
});

describe("Korean phrases", () => {
  it("D21: a year or month needs a deadline ending; halves, next year and this year resolve like their English rules", () => {
    expectDated("양측은 2027년까지 공동연구를 마치기로 했다.", "2027년까지", "2027-12-31", "year", "D21");
    expectDated("2026년 말까지 협정을 발효시킬 것이다.", "2026년 말까지", "2026-12-31", "year", "D21");
    expectDated("2025년 4월까지 실무협의를 개최하기로 했다.", "2025년 4월까지", "2025-04-30", "month", "D21");
    expectDated("2026년 하반기 중 포럼을 열기로 했다.", "2026년 하반기", "2026-12-31", "month", "D21");
    expectDated("내년까지 항공편을 늘리기로 했다.", "내년까지", "2025-12-31", "year", "D21");
    expectDated("연내 서명을 추진하기로 했다.", "연내", "2024-12-31", "year", "D21");
    expectDated("2026년 중 착공할 예정이다.", "2026년 중", "2026-12-31", "year", "D21");
    // A date of a past event, and "during" the current year, are not deadlines.
    expectNoDeadline("2023년 9월 체결된 양해각서를 이행하기로 했다.");
    expectNoDeadline("2024년 중 교역이 늘었다.");
  });
});

describe("variants a real statement uses", () => {
  it.each([
    ["by 2030", "2030-12-31", "year"],
    ["by the end of 2030", "2030-12-31", "year"],
    ["until the end of year 2030", "2030-12-31", "year"],
    ["no later than 2027", "2027-12-31", "year"],
    ["by end-2026", "2026-12-31", "year"],
    ["before 2028", "2027-12-31", "year"],
    ["by March 2025", "2025-03-31", "month"],
    ["by 31 March 2025", "2025-03-31", "day"],
    ["by 15 January", "2025-01-15", "day"],
    ["in the second half of 2025", "2025-12-31", "month"],
    ["in the third quarter", "2025-09-30", "quarter"],
    ["in Q3", "2025-09-30", "quarter"],
    ["within six months", "2025-05-25", "day"],
    ["within the year", "2024-12-31", "year"],
    ["by the end of the decade", "2029-12-31", "year"],
    ["over the next five years", "2029-11-25", "day"],
    ["for the period 2024-2028", "2028-12-31", "year"],
    ["(2024–2029)", "2029-12-31", "year"],
  ])("%s → %s (%s)", (phrase, date, precision) => {
    const r = resolve(`Korea and Malaysia will carry out the programme ${phrase}.`);
    expect([r.phrase, r.targetDate, r.precision]).toEqual([phrase, date, precision]);
  });

  it.each(["annually", "each year", "every two years"])("%s is recurring", (phrase) => {
    expect(resolve(`The ministers will meet ${phrase}.`).recurring).toBe(true);
  });

  it.each([
    "at an early date",
    "as soon as possible",
    "in the coming months",
    "in the coming years",
    "in the near future",
    "by the next summit",
    "at the earliest opportunity",
    "expeditiously",
    "timely",
  ])("%s is vague", (phrase) => {
    const r = resolve(`The parties will finish the review ${phrase}.`);
    expect([r.phrase, r.vague, r.targetDate]).toEqual([phrase, true, null]);
  });
});

describe("past events and named years are not deadlines", () => {
  it.each([
    "The MoU was signed in September 2023.",
    "The summit was held in Seoul on 12 May 2024.",
    "Relations have grown since 2019.",
    "In 2023, trade reached USD 20 billion.",
    "Both sides recalled the 2022 MoU.",
    "The plan supports Vision 2030.",
    "It is aligned with Agenda 2063.",
    "They reaffirmed the 2030 Agenda for Sustainable Development.",
    "They reaffirmed their commitment to the 2030 Agenda.",
  ])("%s", (sentence) => {
    expectNoDeadline(sentence);
  });

  it("a named year after a deadline word is a deadline", () => {
    expectDated("Vision 2030 goals will be met by 2030.", "by 2030", "2030-12-31", "year", "D1");
    expectNoDeadline("The work is guided by 2030 Agenda targets.");
  });
});

describe("document dates near year ends", () => {
  it("dated 2024-12-20: this year is 2024, March is next year's", () => {
    expect(resolve("It will be done this year.", "2024-12-20").targetDate).toBe("2024-12-31");
    expect(resolve("It will be done in March.", "2024-12-20").targetDate).toBe("2025-03-31");
    expect(resolve("It will be done next month.", "2024-12-20").targetDate).toBe("2025-01-31");
    expect(resolve("It will be done next quarter.", "2024-12-20").targetDate).toBe("2025-03-31");
  });

  it("dated 2025-03-10: March is still to come", () => {
    expect(resolve("It will be done in March.", "2025-03-10").targetDate).toBe("2025-03-31");
  });

  it("dated 2025-04-02: March has passed, so next year's", () => {
    expect(resolve("It will be done in March.", "2025-04-02").targetDate).toBe("2026-03-31");
    expect(resolve("It will be done in the first quarter.", "2025-04-02").targetDate).toBe("2026-03-31");
    expect(resolve("It will be done in the first half.", "2025-07-01").targetDate).toBe("2026-06-30");
  });

  it("dated 2024-12-31: the last day of the year is still this year", () => {
    expect(resolve("It will be done by the end of the year.", "2024-12-31").targetDate).toBe("2024-12-31");
  });
});

describe("leap days", () => {
  it("within two years of 2024-02-29 is 2026-02-28", () => {
    expect(resolve("It will be done within two years.", "2024-02-29").targetDate).toBe("2026-02-28");
  });

  it("within four years of 2024-02-29 is 2028-02-29; annual is 2025-02-28", () => {
    expect(resolve("It will be done within four years.", "2024-02-29").targetDate).toBe("2028-02-29");
    expect(resolve("An annual review.", "2024-02-29").targetDate).toBe("2025-02-28");
  });

  it("within six months of 2024-08-31 is the end of February", () => {
    expect(resolve("It will be done within six months.", "2024-08-31").targetDate).toBe("2025-02-28");
  });
});

describe("odd input", () => {
  it.each([
    ["empty", ""],
    ["10,000 characters", "The two sides will cooperate closely. ".repeat(270).slice(0, 10_000)],
    ["only digits", "2024202520262027".repeat(20)],
    ["punctuation", "((((---––––))))...;;;"],
    ["a long run of years", "by 2030 ".repeat(1_250)],
  ])("never throws on %s", (_name, sentence) => {
    expect(() => resolveDeadline(sentence, DOC)).not.toThrow();
    resolve(sentence);
  });

  it("throws RangeError for a document date that is not a calendar date", () => {
    expect(() => resolveDeadline("by 2030", "2025-02-29")).toThrow(RangeError);
  });
});
