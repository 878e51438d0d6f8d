/**
 * A .docx to plain text with its paragraphs: mammoth 1.13 `convertToHtml`, then the HTML paragraph
 * rules of lib/import/html-text.ts.
 *
 * Word's automatic numbering: mammoth hands each list paragraph only "ordered or not" and its level
 * (the level object of its abstract numbering definition; no number format, start value or override
 * reaches it), and its HTML closes an `<ol>` at any paragraph outside the list, so a list that Word
 * continues after a heading would restart at 1. So ordered list paragraphs are numbered here before
 * mammoth writes HTML: a counter per numbering definition level, as Word counts (a list continues
 * across interruptions; a shallower item resets the deeper counters), written as text "N. " at the
 * paragraph's start, the paragraph then being a plain one. Limits: the number is always decimal with
 * a full stop ("(a)", "i." and "1.1" formats read "1."), and a list Word restarts with a start
 * override, or that starts at another value than 1, is counted from 1 and on. Bulleted paragraphs are
 * paragraphs without a bullet. Numbers typed as text are kept as typed. Footnotes and endnotes follow
 * the text as "[N] …".
 */
import mammoth from "mammoth";
import { parseHTML } from "linkedom";

import { blocksToText } from "./html-text";
import { ImportInputError } from "./input-error";

interface DocxElement {
  type: string;
  children?: DocxElement[];
  numbering?: { isOrdered: boolean; level: string } | null;
  [key: string]: unknown;
}

/** A transformDocument for mammoth that writes Word's automatic numbers into the paragraphs. */
function numberParagraphs(): (doc: DocxElement) => DocxElement {
  const counters = new Map<object, number>();
  const levelOf = new Map<object, number>();
  const visit = (el: DocxElement): DocxElement => {
    if (el.type === "paragraph" && el.numbering?.isOrdered) {
      const key = el.numbering;
      const level = Number.parseInt(key.level, 10) || 0;
      for (const [other, otherLevel] of levelOf) if (otherLevel > level) counters.delete(other);
      levelOf.set(key, level);
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      const number: DocxElement = { type: "run", children: [{ type: "text", value: `${n}. ` }] };
      return { ...el, numbering: null, children: [number, ...(el.children ?? [])] };
    }
    return el.children ? { ...el, children: el.children.map(visit) } : el;
  };
  return visit;
}

/** Read a .docx. Throws ImportInputError "unreadable" (field "file") when mammoth cannot open it. */
export async function docxToText(bytes: Uint8Array): Promise<{ text: string; notes: string[] }> {
  let html: string;
  try {
    const options = { transformDocument: numberParagraphs() };
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, options)).value;
  } catch {
    throw new ImportInputError(
      "unreadable",
      "file",
      "This Word document could not be read: it is damaged or incomplete. Save it again from Word as .docx, or paste its text.",
    );
  }
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return {
    text: blocksToText(document.body),
    notes: [
      "Read from the Word document's paragraphs; automatic numbers are written as “1.”, “2.” … (their format is not read).",
    ],
  };
}
