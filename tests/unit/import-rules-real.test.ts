/**
 * The codebook rules added after the round "real-1" of tests/fixtures/import/ (real government
 * statements; docs/import-codebook.md C9, C12, C23–C25, S1, S3, P2, T19 and the lexicon's standard
 * vocabulary): one test per rule, with sentences of our own, each checking that the rule fires
 * where it should and stays silent where it should not.
 */
import { describe, expect, it } from "vitest";

import { themeOf } from "@/lib/import/theme";

import { eachIsOne, one as only, pledges, run } from "../support/import-rules";

describe("forms of real statements (round real-1)", () => {
  it("C23: a modal whose verb names an effect or a state is a position, not an action", () => {
    const relative = run("The ferry link, which will bring the two peoples closer together, opened in May.");
    expect(relative.filter((c) => c.kind === "pledge")).toEqual([]);
    expect(relative.some((c) => c.rules.includes("C23"))).toBe(true);
    expect(only("Our talks will continue to reflect our shared values of openness.")).toMatchObject({
      kind: "position",
      rules: expect.arrayContaining(["C23"]),
    });
    expect(only("This will help the two economies recover faster from the downturn.").kind).toBe("position");
    // A party's own action with the same verb stays a pledge.
    expect(only("Korea will bring 30 teachers of English to Penang next year.")).toMatchObject({
      kind: "pledge",
      parties: ["KR"],
    });
  });

  it("C24: a cue whose object is the relationship itself, with no field or measure, is a position", () => {
    eachIsOne(
      [
        "The two sides reaffirmed their commitment to further strengthen bilateral ties for the benefit of their peoples.",
        "The leaders are committed to deepening their partnership under the new framework.",
        "We agree to work more closely to address the common challenges we face.",
        "The two leaders committed to working towards a closer and forward-looking relationship that serves both peoples.",
      ],
      "position",
      "C24",
      { first: true },
    );
    // A field in the object, a list of means, or an area after it makes it checkable.
    expect(pledges("The two leaders committed to deepening defence industry cooperation.")).toHaveLength(1);
    expect(pledges("The two sides will deepen cooperation, including through joint patrols at sea.")).toHaveLength(1);
    expect(
      pledges("The two sides agreed to strengthen cooperation in the management of shared river basins."),
    ).toHaveLength(1);
  });

  it("C25: an action plan's numbered item in the present tense, with the parties as subject, is a binding pledge", () => {
    const text =
      "Activities\n\n  1. Both sides convene annual Fisheries Talks.\n  2. Korea and Malaysia exchange liaison officers between their coast guards.\n  3. Both countries share a long history of friendship.";
    const got = pledges(text);
    expect(got.map((c) => c.quote)).toEqual([
      "Both sides convene annual Fisheries Talks.",
      "Korea and Malaysia exchange liaison officers between their coast guards.",
    ]);
    expect(got[0]).toMatchObject({ strength: "binding", parties: ["KR", "MY"], flags: ["recurring"] });
    expect(got[0]!.rules.slice(0, 2)).toEqual(["C25", "C1"]);
    // Outside a list the present tense is narrative (C0).
    expect(run("Both sides hold annual talks on fisheries.")).toEqual([]);
    // A subject that is not the parties is no item of theirs.
    expect(pledges("  4. The Joint Committee convene its meetings in Seoul.")).toEqual([]);
  });

  it("S1 'decided on', S3 'seek opportunities for', C9 'expressed confidence', C12 'the following actions.'", () => {
    expect(only("The Ministers decided on a timetable for the customs talks.")).toMatchObject({
      kind: "pledge",
      strength: "binding",
    });
    expect(only("Malaysia will seek opportunities for joint research on batteries.")).toMatchObject({
      kind: "pledge",
      strength: "exploratory",
    });
    expect(only("The Leaders expressed confidence that the new ferry link would boost trade.")).toMatchObject({
      kind: "position",
      rules: expect.arrayContaining(["C9"]),
    });
    expect(only("The two sides have decided to implement the following actions.")).toMatchObject({
      kind: "position",
      rules: expect.arrayContaining(["C12"]),
    });
  });

  it("P2: an abbreviation in brackets after a party's name is the same name, so 'A and B (ROK)' owe together", () => {
    const c = only("Malaysia and the Republic of Korea (ROK) will hold a joint seminar on batteries in 2025.");
    expect(c.parties).toEqual(["KR", "MY"]);
    expect(c.rules).toContain("P2");
  });

  it("T19 and the lexicon's standard words: Korean keywords take particles; common words per theme", () => {
    expect(themeOf("양국은 관광객 교류를 확대한다.").id).toBe("tourism");
    expect(themeOf("양국은 관광을 진흥한다.").id).toBe("tourism");
    expect(themeOf("Kedua-dua pihak akan menggalakkan pelancong dari Korea.").id).toBe("tourism");
    expect(themeOf("Both sides will hold search and rescue drills.").id).toBe("security");
    expect(themeOf("They will build a high-speed rail line.").id).toBe("investment");
    expect(themeOf("They will press for a conclusion of the Doha Round.").id).toBe("trade");
    expect(themeOf("They will sign a visiting forces agreement.").id).toBe("defence");
    expect(themeOf("They will hold joint exercises of their navies.").id).toBe("defence");
    expect(themeOf("They will open a healthcare centre.").id).toBe("health");
    expect(themeOf("They will promote agricultural exports of durians.").id).toBe("trade");
  });
});

describe("found by the round real-2 (fixed after its figures were taken)", () => {
  it("C9: the second object of a view ('expressed confidence that A and that B') is the same view", () => {
    const out = run(
      "The Leaders expressed confidence that the talks would succeed and that both economies would grow strongly.",
    );
    expect(out.filter((c) => c.kind === "pledge")).toEqual([]);
    expect(out.every((c) => c.rules[0] === "C9")).toBe(true);
    // A second object of "agreed that" is still a pledge (C3).
    expect(
      pledges("The two sides agreed that Korea would fund the survey and that Malaysia would host the team."),
    ).toHaveLength(2);
  });

  it("C24: a named partnership, 'between', an acronym the text defines, 'new areas of cooperation', 'further work'", () => {
    eachIsOne(
      [
        "The two Prime Ministers reaffirmed their resolve to further deepen the Comprehensive Partnership between Korea and Malaysia.",
        "The Ministers agreed to explore new areas of cooperation to keep the dialogue fresh.",
      ],
      "position",
      "C24",
    );
    const defined =
      "Korea and Malaysia upgraded ties to an Enhanced Strategic Partnership (ESP) in 2019.\n\nThe Leaders committed to continue strengthening the ESP which serves both peoples.";
    expect(run(defined).filter((c) => c.kind === "pledge")).toEqual([]);
    const split = run(
      "Both countries will hold the first review in 2025 and explore further work under the Arrangement.",
    );
    expect(split.filter((c) => c.kind === "pledge").map((c) => c.quote)).toEqual([
      "Both countries will hold the first review in 2025",
    ]);
    // Raising the relationship to a named status is a decision, not C24.
    expect(only("The Leaders decided to elevate their relations to a Comprehensive Strategic Partnership.").kind).toBe(
      "pledge",
    );
  });
});
