/**
 * The labelled evaluation set of the importer (tests/fixtures/import/, README there): every label
 * file is well formed and agrees with its text, and the set covers what issue 10 asks of it. Needs
 * no extractor: it checks the labels, not the rules.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { type LabelFile, locateLabels, locateQuote, resolutionDate, ZLabelFile } from "@/lib/import/fixture-labels";

const DIR = path.join(__dirname, "../fixtures/import");
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => f.slice(0, -".txt".length))
  .sort();

const load = (name: string) => ({
  text: readFileSync(path.join(DIR, `${name}.txt`), "utf8"),
  labels: ZLabelFile.parse(JSON.parse(readFileSync(path.join(DIR, `${name}.expected.json`), "utf8"))) as LabelFile,
});

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, twelve: 12 };
const VAGUE = [
  "at an early date",
  "as soon as possible",
  "in the coming months",
  "by the next summit",
  "at the earliest opportunity",
  "at the earliest possible date",
  "at our next meeting",
  "over the coming weeks",
  "promptly",
  "soon",
];

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const addYears = (date: string, n: number) => `${Number(date.slice(0, 4)) + n}${date.slice(4)}`;
const addMonthsTo = (date: string, n: number) => {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
  const [y, m] = [Math.floor(total / 12), (total % 12) + 1];
  return ymd(y, m, Math.min(Number(date.slice(8, 10)), lastDay(y, m)));
};

/**
 * What a phrase of the table means against `base`, written out independently of the
 * importer so a wrong label fails here. Null for a phrase this reference does not know.
 */
function reference(
  phrase: string,
  base: string,
): { date: string | null; precision: string | null; recurring?: true } | null {
  const p = phrase.toLowerCase();
  const year = Number(base.slice(0, 4));
  const month = Number(base.slice(5, 7));
  let m: RegExpMatchArray | null;
  if (VAGUE.includes(p) || /^(by|at) the next (summit|meeting|dialogue)$/.test(p))
    return { date: null, precision: null };
  if (/^(by )?next year$/.test(p)) return { date: `${year + 1}-12-31`, precision: "year" };
  if (/^((before|by) the end of |later )?this year$/.test(p)) return { date: `${year}-12-31`, precision: "year" };
  if ((m = /^(?:by (?:the end of )?|until the end of year |in )(\d{4})$/.exec(p)) || (m = /^(\d{4})년까지$/.exec(p)))
    return { date: `${m[1]}-12-31`, precision: "year" };
  if (p === "next month") {
    const [y, mo] = month === 12 ? [year + 1, 1] : [year, month + 1];
    return { date: ymd(y, mo, lastDay(y, mo)), precision: "month" };
  }
  if ((m = /^in ([a-z]+)$/.exec(p)) && MONTHS.includes(m[1]!)) {
    const mo = MONTHS.indexOf(m[1]!) + 1;
    const y = mo > month ? year : year + 1;
    return { date: ymd(y, mo, lastDay(y, mo)), precision: "month" };
  }
  if ((m = /^(?:by mid-|in the first half of )(\d{4})$/.exec(p))) return { date: `${m[1]}-06-30`, precision: "month" };
  if (
    (m = /^q([1-4]) (\d{4})$/.exec(p)) ||
    (m = /^(?:in|by the end of) the (first|second|third|fourth) quarter of (\d{4})$/.exec(p))
  ) {
    const q = Number(m[1]) || ["first", "second", "third", "fourth"].indexOf(m[1]!) + 1;
    const y = Number(m[2]);
    return { date: ymd(y, q * 3, lastDay(y, q * 3)), precision: "quarter" };
  }
  if ((m = /^(?:within|over) (?:the next )?(\w+) years?$/.exec(p)) && (NUMBERS[m[1]!] ?? Number(m[1])))
    return { date: addYears(base, NUMBERS[m[1]!] ?? Number(m[1])), precision: "day" };
  if ((m = /^(?:within|over) (?:the next )?(\w+) months?$/.exec(p)) && (NUMBERS[m[1]!] ?? Number(m[1])))
    return { date: addMonthsTo(base, NUMBERS[m[1]!] ?? Number(m[1])), precision: "day" };
  if ((m = /^within (\d+) days$/.exec(p))) {
    const d = new Date(`${base}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + Number(m[1]));
    return { date: d.toISOString().slice(0, 10), precision: "day" };
  }
  if ((m = /^in the second half of (\d{4})$/.exec(p))) return { date: `${m[1]}-12-31`, precision: "month" };
  if ((m = /^(\d{4})년 상반기까지$/.exec(p))) return { date: `${m[1]}-06-30`, precision: "month" };
  if (/^(at least )?twice a year$/.test(p)) return { date: addMonthsTo(base, 6), precision: "day", recurring: true };
  if (/^(biennial|biennially|every two years|every other year)$/.test(p))
    return { date: addYears(base, 2), precision: "day", recurring: true };
  if ((m = /^before the end of (\d{4})$/.exec(p))) return { date: `${m[1]}-12-31`, precision: "year" };
  if ((m = /^for (\d{4})$/.exec(p))) return { date: `${m[1]}-12-31`, precision: "year" };
  // A season has no date of its own (whose spring?).
  if (/^(next|this|in the) (spring|summer|autumn|fall|winter)$/.test(p)) return { date: null, precision: null };
  // A period counted from another event has no date of its own.
  if (/^within \w+ (?:days|weeks|months|years) (?:of|after|from) the /.test(p)) return { date: null, precision: null };
  if ((m = /^in ([a-z]+) (\d{4})$/.exec(p)) && MONTHS.includes(m[1]!)) {
    const mo = MONTHS.indexOf(m[1]!) + 1;
    return { date: ymd(Number(m[2]), mo, lastDay(Number(m[2]), mo)), precision: "month" };
  }
  if ((m = /^(?:for (\d{4})[–-](\d{4})|\((\d{4})-(\d{4})\))$/.exec(p)))
    return { date: `${m[2] ?? m[4]}-12-31`, precision: "year" };
  if (/^(annual|(at least )?annually|yearly|every year|each year|(at least )?once a year)$/.test(p))
    return { date: addYears(base, 1), precision: "day", recurring: true };
  return null;
}

describe("import evaluation set: each label file", () => {
  it("has a label file for every text, and a text for every label file", () => {
    const labels = readdirSync(DIR).filter((f) => f.endsWith(".expected.json"));
    expect(labels.map((f) => f.slice(0, -".expected.json".length)).sort()).toEqual(NAMES);
    expect(NAMES.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(NAMES)("%s", (name) => {
    const { text, labels } = load(name);
    const codes = new Set(labels.document.parties.map((p) => p.code));

    it("quotes only exact substrings of its text, unique or with a start that fits", () => {
      for (const item of [...labels.pledges, ...labels.positions]) {
        expect(locateQuote(text, item.quote, item.start), item.quote).toEqual(expect.any(Number));
      }
    });

    it("never labels the same characters twice", () => {
      const { pledges, positions } = locateLabels(text, labels);
      const spans = [...pledges, ...positions].sort((a, b) => a.start - b.start);
      for (let i = 1; i < spans.length; i++) {
        expect(spans[i]!.start, `"${spans[i]!.label.quote}" overlaps the span before it`).toBeGreaterThanOrEqual(
          spans[i - 1]!.end,
        );
      }
    });

    it("names only the document's parties, and a deadline phrase that is in its quote", () => {
      for (const p of labels.pledges) {
        for (const code of p.parties) expect(codes.has(code), `${code} in "${p.quote}"`).toBe(true);
        if (p.deadlinePhrase !== null) expect(p.quote).toContain(p.deadlinePhrase);
        expect(p.targetDate === null, `date and precision go together in "${p.quote}"`).toBe(
          p.targetPrecision === null,
        );
        if (p.targetDate !== null) expect(p.deadlinePhrase, `a date needs its phrase in "${p.quote}"`).not.toBeNull();
      }
    });

    it("resolves every deadline phrase as the issue's table says, against the document's date", () => {
      const base = resolutionDate(labels);
      for (const p of labels.pledges) {
        if (p.deadlinePhrase === null) continue;
        const ref = reference(p.deadlinePhrase, base);
        expect(ref, `no reference for "${p.deadlinePhrase}": add it to this test`).not.toBeNull();
        expect({ date: p.targetDate, precision: p.targetPrecision }, p.quote).toEqual({
          date: ref!.date,
          precision: ref!.precision,
        });
        expect(p.recurring === true, `recurring in "${p.quote}"`).toBe(ref!.recurring === true);
      }
    });

    it("numbers its paragraphs as the text does", () => {
      for (const p of labels.pledges) {
        if (p.paragraph === null) continue;
        const at = locateQuote(text, p.quote, p.start) as number;
        // The last number that opens a line (after any indent) before the quote: "3." or "3.2".
        const numbers = [...text.slice(0, at).matchAll(/(?:^|\n)[ \t]*(\d+(?:\.\d+)*)\.?\s/g)].map((mm) => mm[1]);
        expect(numbers.at(-1), `the paragraph of "${p.quote}"`).toBe(p.paragraph);
      }
    });
  });
});

describe("import evaluation set: what the issue asks of it", () => {
  const all = NAMES.map((name) => ({ name, ...load(name) }));
  const pledges = all.flatMap((f) => f.labels.pledges.map((p) => ({ ...p, file: f.name })));

  it("holds at least seven statements of our own besides the news report, with varied dates", () => {
    const own = all.filter((f) => f.labels.document.kind !== "news report");
    expect(own.length).toBeGreaterThanOrEqual(7);
    expect(new Set(all.map((f) => resolutionDate(f.labels))).size).toBeGreaterThanOrEqual(6);
  });

  it("uses every deadline phrase of the issue's table at least once", () => {
    const phrases = new Set(pledges.map((p) => p.deadlinePhrase));
    const table = [
      "by next year",
      "by 2030",
      "by the end of 2030",
      "until the end of year 2030",
      "before the end of this year",
      "this year",
      "next month",
      "in March",
      "by mid-2026",
      "in the first half of 2026",
      "Q1 2025",
      "in the first quarter of 2025",
      "within two years",
      "for 2024–2029",
      "(2024-2028)",
      "annual",
      "yearly",
      "at an early date",
      "as soon as possible",
      "in the coming months",
      "by the next summit",
    ];
    expect(table.filter((t) => !phrases.has(t))).toEqual([]);
  });

  it("has past-event dates inside pledges that are not their deadlines", () => {
    const past = pledges.filter((p) =>
      /signed in (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/.test(
        p.quote,
      ),
    );
    expect(past.length).toBeGreaterThanOrEqual(1);
    expect(past.some((p) => p.quote.includes("signed in September 2023") && p.targetDate !== "2023-09-30")).toBe(true);
  });

  it("has paragraphs with two pledges, pledges of one named party, and tasking", () => {
    const perParagraph = new Map<string, number>();
    for (const p of pledges.filter((x) => !x.optional && x.paragraph !== null)) {
      const key = `${p.file}#${p.paragraph}`;
      perParagraph.set(key, (perParagraph.get(key) ?? 0) + 1);
    }
    expect([...perParagraph.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(5);
    expect(pledges.filter((p) => p.parties.length === 1).length).toBeGreaterThanOrEqual(5);
    expect(
      pledges.filter((p) => /\b(instructed|directed|tasked|task)\b|지시/.test(p.quote)).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it("has a readout in prose without numbering", () => {
    const readouts = all.filter((f) => f.labels.document.kind === "readout");
    expect(readouts.length).toBeGreaterThanOrEqual(1);
    for (const r of readouts) {
      expect(r.text).not.toMatch(/(^|\n)\d+\.\s/);
      expect(r.labels.pledges.every((p) => p.paragraph === null)).toBe(true);
    }
  });

  it("has Korean and Malay pledges, labelled as such", () => {
    expect(pledges.some((p) => /[\uAC00-\uD7A3]/.test(p.quote) && p.targetDate === "2025-12-31")).toBe(true);
    expect(pledges.some((p) => /\bKedua-dua\b.*\bbersetuju untuk\b/.test(p.quote))).toBe(true);
  });

  it("keeps the news report byte for byte as it is in shared/sources", () => {
    const bytes = readFileSync(path.join(DIR, "kr-my-2024-news-report.txt"));
    // sha256 of ../shared/sources/000_dc554dc658894687.txt
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(
      "790c677213d711ca7b025f6f24bbba6bfe118096641e759813bdfcb3d979bbc2",
    );
  });
});
