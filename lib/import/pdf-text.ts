/**
 * A text PDF to plain text with its paragraphs, by pdf-parse 2.4.5 (pdf.js 5.4 inside).
 *
 * pdf-parse's `getText()` keeps only line ends, so the blank space between paragraphs is lost; this
 * module takes pdf.js's positioned text items from the document pdf-parse loads (its `load()`,
 * private in the typings of this pinned version: tests/unit/import-text-in.test.ts fails if that
 * changes) and rebuilds the text:
 * - Lines: items on one baseline (within half the font size) make a line, joined as pdf.js gives them
 *   (it inserts the spaces); a line is trimmed.
 * - A new paragraph starts where the space above a line is over 1.3 × the page's usual line pitch
 *   (the median; 1.8 × the font size on a page with too few lines); where a line goes back up (a new
 *   column); where the font size changes by over 15% (a heading); where a line after a full stop
 *   starts with a paragraph number or bullet ("3.", "(a)", "•") or is indented by more than a font
 *   size; or where a line stops short of the column by over 30% (so it ended its paragraph: a
 *   heading, a last line) without a closing hyphen or comma, and the next starts with a capital, a
 *   digit or a quote, or (scripts without capitals: Hangul, CJK) it ended with a full stop.
 * - A lone page number as a page's first or last line ("3", "- 3 -", "Page 3 of 9") is dropped.
 *   A paragraph runs on to the next page when the page's last line has no closing punctuation.
 * - Lines of a paragraph are joined by one space; a line ending in a soft hyphen, or in a hyphen
 *   after a letter with a lower-case letter next, is rejoined without the hyphen ("Agree-" + "ment"
 *   = "Agreement") unless the hyphenated word occurs elsewhere in the document ("long-term" stays);
 *   after any other hyphen, and between Chinese or Japanese characters, lines join without a space.
 *   Hangul lines join with a space, as Korean is written.
 * - Paragraphs are joined by "\n\n"; control characters other than tab are dropped.
 * CJK text in fonts with predefined encodings is read with pdf.js's CMap files (CMAP_URL below).
 * A PDF with no text on any page is "scanned_pdf"; a password-protected, damaged or truncated one
 * is "unreadable".
 */
import { existsSync } from "node:fs";
import path from "node:path";

import { PDFParse } from "pdf-parse";

import { ImportInputError } from "./input-error";

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}
interface PdfPage {
  getTextContent(): Promise<{ items: unknown[] }>;
  cleanup(): void;
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
}
interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

const MARKER = /^(?:\d{1,3}(?:\.\d{1,3})*[.)]|\(\w{1,4}\)|[a-zA-Z][.)]|[IVXivx]{1,5}[.)]|[•▪●◦‣·*–-])\s/u;
const CLOSES = /[.!?:;。．！？」』"”’)]$/u;
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;

/**
 * pdf.js's CMap files (pdfjs-dist/cmaps, installed with pdf-parse): without them a PDF whose CJK
 * font uses a predefined encoding (UniKS-UCS2-H, KSCms-UHC-H, UniGB-UCS2-H, 90ms-RKSJ-H …) yields no
 * text at all and would be refused as a scan. Found from the working directory (the app, the CLI and
 * the tests all run from the repository root); undefined when absent.
 */
const CMAP_URL = (() => {
  const dir = path.join(process.cwd(), "node_modules", "pdfjs-dist", "cmaps");
  return existsSync(dir) ? `${dir}${path.sep}` : undefined;
})();

function isTextItem(item: unknown): item is TextItem {
  return typeof item === "object" && item !== null && "str" in item && "transform" in item;
}

function linesOf(items: unknown[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  let ended = false;
  for (const item of items) {
    if (!isTextItem(item)) continue;
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform;
    const size = Math.max(Math.hypot(c, d), item.height, 1);
    const str = item.str.replace(CONTROL, "");
    if (current && !ended && Math.abs(current.y - y) <= current.size / 2) {
      current.text += str;
      if (str.trim()) current.right = Math.max(current.right, x + item.width);
    } else if (str.trim() !== "") {
      current = { text: str, x, right: x + item.width, y, size };
      lines.push(current);
    }
    ended = item.hasEOL;
    if (current) current.size = Math.max(current.size, str.trim() ? size : 0);
  }
  return lines.map((l) => ({ ...l, text: l.text.trim() })).filter((l) => l.text !== "");
}

function median(values: number[]): number | null {
  if (values.length < 3) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Split one page's lines into paragraphs (arrays of lines). */
function paragraphsOf(lines: Line[]): Line[][] {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1]!.y - lines[i]!.y;
    if (gap > lines[i]!.size * 0.5 && gap < lines[i]!.size * 4) gaps.push(gap);
  }
  const pitch = median(gaps);
  const left = Math.min(...lines.map((l) => l.x));
  const right = Math.max(...lines.map((l) => l.right));
  const width = Math.max(right - left, 1);
  const out: Line[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prev = lines[i - 1];
    if (!prev) {
      out.push([line]);
      continue;
    }
    const gap = prev.y - line.y;
    const closed = CLOSES.test(prev.text);
    const breaks =
      gap <= 0 ||
      gap > (pitch !== null ? pitch * 1.3 : Math.max(prev.size, line.size) * 1.8) ||
      (closed && MARKER.test(line.text)) ||
      (closed && line.x > prev.x + line.size && prev.x < left + line.size) ||
      Math.abs(prev.size - line.size) > 0.15 * Math.max(prev.size, line.size) ||
      (prev.right < right - width * 0.3 &&
        !/[-,]$/.test(prev.text) &&
        (/^[\p{Lu}\p{N}"“'‘(]/u.test(line.text) || (closed && /^[^\p{Script=Latin}\P{L}]/u.test(line.text))));
    if (breaks) out.push([line]);
    else out[out.length - 1]!.push(line);
  }
  return out;
}

function joinLines(lines: string[], vocabulary: Set<string>): string {
  let text = lines[0] ?? "";
  for (const next of lines.slice(1)) {
    if (text.endsWith("\u00AD")) text = text.slice(0, -1) + next;
    else if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(next)) {
      const before = /(\p{L}+)-$/u.exec(text)?.[1]?.toLowerCase() ?? "";
      const after = /^\p{L}+/u.exec(next)?.[0]?.toLowerCase() ?? "";
      text = vocabulary.has(`${before}-${after}`) ? text + next : text.slice(0, -1) + next;
    } else if (text.endsWith("-") || (CJK.test(text.slice(-1)) && CJK.test(next.charAt(0)))) text += next;
    else text += ` ${next}`;
  }
  return text;
}

function refuse(problem: "unreadable" | "scanned_pdf", message: string): never {
  throw new ImportInputError(problem, "file", message);
}

/** Read a PDF's text layer. Throws ImportInputError "scanned_pdf" or "unreadable" (field "file"). */
export async function pdfToText(bytes: Uint8Array): Promise<{ text: string; notes: string[] }> {
  // A copy: pdf.js may take over (detach) the buffer it is given.
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0, cMapUrl: CMAP_URL, cMapPacked: true });
  const loader = parser as unknown as { load?: () => Promise<PdfDocument> };
  // A bug, not a refusal: every PDF would otherwise read as "unreadable" after an upgrade.
  if (typeof loader.load !== "function")
    throw new Error("pdf-parse no longer has load(): update lib/import/pdf-text.ts");
  const pages: Line[][][] = [];
  const empty: number[] = [];
  try {
    const doc = await loader.load.call(parser);
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const lines = linesOf((await page.getTextContent()).items);
      page.cleanup();
      if (lines.length > 0 && PAGE_NUMBER.test(lines[lines.length - 1]!.text)) lines.pop();
      if (lines.length > 0 && PAGE_NUMBER.test(lines[0]!.text)) lines.shift();
      if (lines.length === 0) empty.push(n);
      pages.push(lines.length ? paragraphsOf(lines) : []);
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "PasswordException")
      refuse("unreadable", "This PDF is password-protected (encrypted): remove the password, or paste its text.");
    refuse(
      "unreadable",
      "This PDF could not be read: it is damaged or incomplete. Upload it again, save it again as PDF, or paste its text.",
    );
  } finally {
    await parser.destroy().catch(() => undefined);
  }
  if (empty.length === pages.length)
    refuse("scanned_pdf", "This PDF has no text layer (a scan?): paste its text or upload a text PDF.");

  const vocabulary = new Set(pages.flat(2).flatMap((l) => l.text.toLowerCase().match(/\p{L}+(?:-\p{L}+)+/gu) ?? []));
  const paragraphs: string[] = [];
  let runOn = false;
  for (const page of pages) {
    page.forEach((lines, i) => {
      const text = joinLines(
        lines.map((l) => l.text),
        vocabulary,
      );
      if (i === 0 && runOn && paragraphs.length > 0 && !MARKER.test(text))
        paragraphs[paragraphs.length - 1] = joinLines([paragraphs[paragraphs.length - 1]!, text], vocabulary);
      else paragraphs.push(text);
    });
    const last = page.at(-1)?.at(-1);
    if (last) runOn = !CLOSES.test(last.text);
  }
  const notes = [
    `Read from the PDF's text layer (${pages.length} page${pages.length === 1 ? "" : "s"}); lines were joined into paragraphs.`,
  ];
  if (empty.length > 0)
    notes.push(
      `Page${empty.length === 1 ? "" : "s"} ${empty.join(", ")} ha${empty.length === 1 ? "s" : "ve"} no text (scanned?): ${empty.length === 1 ? "its" : "their"} content is missing.`,
    );
  return { text: paragraphs.join("\n\n"), notes };
}
