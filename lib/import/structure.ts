/**
 * Structure of an imported text (issue 10, step 2): its paragraphs, keeping the text's own
 * numbering, and its sentences, each as offsets into the text (`text.slice(start, end)` is the
 * span, with no whitespace at either end). Rules with no I/O; the codebook
 * (docs/import-codebook.md, "Structure") describes them for reviewers.
 *
 * Paragraphs: blank lines separate them; a line that begins with a number ("1.", "2)", "3.1",
 * "(a)", "a)", "i.", "IV.") starts one even without a blank line before it. A text with no blank
 * line at all (a readout pasted as one paragraph per line) breaks at every line that follows a
 * line ending a sentence.
 *
 * Sentences: a sentence ends at ".", "!", "?" or "。" (with any closing quotes or brackets) that is
 * followed by whitespace and then by anything but a lower-case Latin letter, unless the word before
 * the stop is a known abbreviation ("Art.", "No.", "U.S.", "e.g.", "Mr.", "H.E.", "Jan.", "Sdn.",
 * an initial such as the "Y." of "Y. S. Yoon"). Company suffixes and "etc." end a sentence only
 * when an upper-case word follows. Korean ("…했다.") and Malay sentences follow the same rule,
 * so a Korean sentence is never cut inside.
 */
import type { Paragraph, Sentence } from "./types";

/** A numbering marker at the start of a line; group 1 is the marker, group 2 its number. */
const NUMBER_MARKER =
  /^[ \t]*((\d{1,3}(?:\.\d{1,3})+)\.?|(\d{1,3})[.)]|\((\d{1,3}|[a-z]|[ivxlc]{1,6})\)|([a-z])\)|([ivx]{1,5})\.|([a-z])\.|([IVX]{1,5})\.)(?=[ \t]+\S)/;

/** A bullet at the start of a line: it starts a paragraph that has no number. */
const BULLET = /^[ \t]*[•·▪◦‣*–—-](?=[ \t]+\S)/;

/** Words that a stop after them never ends a sentence on (compared case-sensitively). */
const ABBREVIATIONS = new Set([
  "Art",
  "Arts",
  "No",
  "Nos",
  "Mr",
  "Mrs",
  "Ms",
  "Dr",
  "Prof",
  "St",
  "Sr",
  "Jr",
  "Gen",
  "Lt",
  "Col",
  "Capt",
  "Adm",
  "Amb",
  "Hon",
  "Rt",
  "Sen",
  "Rep",
  "Gov",
  "Pres",
  "Dept",
  "Vol",
  "para",
  "paras",
  "Para",
  "cf",
  "vs",
  "approx",
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Sept",
  "Oct",
  "Nov",
  "Dec",
  "Sdn",
  "Tbk",
  "Pte",
  "Pty",
  "Mt",
]);

/** Words that end a sentence only when an upper-case word follows ("… Sdn. Bhd. will"). */
const SOFT_ABBREVIATIONS = new Set(["etc", "Bhd", "Co", "Ltd", "Inc", "Corp", "Plc", "PLC", "LLC", "Ltda", "al"]);

/** Dotted abbreviations such as "U.S.", "e.g.", "i.e.", "H.E.", "U.K.", "a.m." (never a stop). */
const DOTTED = /(?:^|[^\p{L}.])((?:\p{L}\.){2,})$/u;

/**
 * The paragraphs of `text`, in order, 1-based, each trimmed of surrounding whitespace.
 * `number` is the text's own numbering without punctuation ("3" for "3.", "a" for "(a)"), or null.
 */
export function paragraphs(text: string): Paragraph[] {
  const lines = splitLines(text);
  const hasBlankLine = lines.some((l) => l.text.trim() === "");
  const out: Paragraph[] = [];
  let current: { start: number; end: number; number: string | null } | null = null;
  let previousEndsSentence = false;
  const close = () => {
    if (current) out.push({ index: out.length + 1, number: current.number, start: current.start, end: current.end });
    current = null;
  };
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (trimmed === "") {
      close();
      previousEndsSentence = false;
      continue;
    }
    const marker = NUMBER_MARKER.exec(line.text);
    const lead = line.text.length - line.text.trimStart().length;
    const start = line.start + lead;
    const end = line.start + line.text.trimEnd().length;
    const breaksHere = marker !== null || BULLET.test(line.text) || (!hasBlankLine && previousEndsSentence);
    if (current === null || breaksHere) {
      close();
      current = { start, end, number: marker ? markerNumber(marker) : null };
    } else {
      current.end = end;
    }
    previousEndsSentence = /[.!?。:;"”’)\]]$/u.test(trimmed);
  }
  close();
  return out;
}

/** Where the paragraph's own text begins: after its numbering marker or bullet, if it has one. */
export function paragraphBodyStart(text: string, paragraph: Paragraph): number {
  const lineEnd = text.indexOf("\n", paragraph.start);
  const line = text.slice(paragraph.start, lineEnd === -1 ? paragraph.end : Math.min(lineEnd, paragraph.end));
  const marker = (paragraph.number === null ? null : NUMBER_MARKER.exec(line)) ?? BULLET.exec(line);
  if (!marker) return paragraph.start;
  let at = paragraph.start + marker[0].length;
  while (at < paragraph.end && /\s/.test(text[at] ?? "")) at++;
  return at;
}

/**
 * The sentences of one paragraph of `text`, in order, each trimmed. The numbering marker is not
 * part of the first sentence.
 */
export function sentences(text: string, paragraph: Paragraph): Sentence[] {
  const bodyStart = paragraphBodyStart(text, paragraph);
  const out: Sentence[] = [];
  let start = bodyStart;
  const push = (s: number, e: number) => {
    let a = s;
    let b = e;
    while (a < b && /\s/.test(text[a] ?? "")) a++;
    while (b > a && /\s/.test(text[b - 1] ?? "")) b--;
    if (b > a) out.push({ paragraphIndex: paragraph.index, start: a, end: b });
  };
  for (let i = bodyStart; i < paragraph.end; i++) {
    const ch = text[i] ?? "";
    if (!/[.!?。]/.test(ch)) continue;
    // Take closing quotes and brackets into the sentence.
    let stop = i + 1;
    while (stop < paragraph.end && /["”’')\]]/.test(text[stop] ?? "")) stop++;
    if (stop < paragraph.end && !/\s/.test(text[stop] ?? "")) continue;
    let next = stop;
    while (next < paragraph.end && /\s/.test(text[next] ?? "")) next++;
    if (next >= paragraph.end) break;
    if (!endsSentence(text, start, i, next)) continue;
    push(start, stop);
    start = next;
    i = next - 1;
  }
  push(start, paragraph.end);
  return out;
}

/** True when the stop at `stopAt` ends the sentence begun at `from`, the next word at `next`. */
function endsSentence(text: string, from: number, stopAt: number, next: number): boolean {
  const following = text[next] ?? "";
  if (/\p{Ll}/u.test(following) && /[a-z]/i.test(following)) return false;
  if (text[stopAt] !== ".") return true;
  const before = text.slice(from, stopAt + 1);
  const word = /([\p{L}\p{N}'’]+)\.$/u.exec(before)?.[1] ?? "";
  if (DOTTED.test(before)) return false;
  if (ABBREVIATIONS.has(word)) return false;
  // "No. 5", "Art. 3": the abbreviation before a number.
  if (/^\d/.test(following) && /^(No|Nos|Art|Arts|Para|para|Vol|Sec|Ch)$/.test(word)) return false;
  // An initial: a single upper-case Latin letter ("Y. S. Yoon"), not a Hangul syllable.
  if (/^[A-Z]$/.test(word)) return false;
  if (SOFT_ABBREVIATIONS.has(word)) {
    // "Co. Ltd.", "Sdn. Bhd.": a company suffix after another one continues the name.
    const nextWord = /^[\p{L}]+/u.exec(text.slice(next))?.[0] ?? "";
    return /\p{Lu}/u.test(following) && !SOFT_ABBREVIATIONS.has(nextWord);
  }
  return true;
}

/** The number a marker shows, without its punctuation. */
function markerNumber(m: RegExpExecArray): string {
  return m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? m[7] ?? m[8] ?? m[1] ?? "";
}

/** The lines of `text` with their start offsets, without their line ends (LF, CRLF or CR). */
function splitLines(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  const re = /\r\n|\n|\r/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start: at, text: text.slice(at, m.index) });
    at = m.index + m[0].length;
  }
  out.push({ start: at, text: text.slice(at) });
  return out;
}
