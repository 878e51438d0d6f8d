/**
 * Text in (issue 10, pipeline step 1): an upload or a paste becomes a `SourceText` (./types), or is
 * refused with an `ImportInputError` whose `problem` is one of `ImportInputProblem` and whose
 * `field` is "file" or "text". Server-side only (pdf.js, mammoth, linkedom).
 *
 * Refusals, in the order they are checked:
 * - "too_large": over MAX_SOURCE_BYTES (5 MB = 5,242,880 bytes; a paste counts its UTF-8 bytes),
 *   before anything is parsed.
 * - "unsupported_type": neither the bytes nor the extension nor the media type is one of .txt, .md,
 *   .html, .htm, .docx, .pdf (an old .doc, RTF or spreadsheet is named as such).
 * - "binary": an image, archive or program given a text or document name; NUL bytes or control
 *   characters in a text file (lib/import/text-decode.ts).
 * - "encoding": a text file that is not UTF-8 and cannot be converted cleanly (text-decode.ts).
 * - "unreadable": a damaged, truncated or password-protected PDF or .docx, or one whose bytes are not
 *   what its name says.
 * - "scanned_pdf": a PDF with no text layer on any page.
 * - "empty": nothing but white space (zero-width spaces included) once read.
 *
 * The format comes from the bytes first ("%PDF-" in the first 1 KB, at the very start for a
 * text name; a zip holding word/document.xml is a .docx), so a lying extension loses; then from the
 * extension; then, for a name without one of ours, from the media type (text/plain, text/markdown,
 * text/html, application/pdf, the .docx type). A .txt that starts with `<!doctype html`
 * or `<html` is read as HTML.
 *
 * What is changed, per format (offsets downstream index the returned `text`):
 * - .txt, .md: decoded (text-decode.ts); only a byte-order mark is removed; line ends, white space
 *   and every other character stay as in the file, so offsets are offsets into the file's text.
 * - .html/.htm: decoded the same way (a `<meta charset>` counts as declared), then reduced to its
 *   main text and rebuilt as paragraphs (lib/import/html-text.ts): the text is made, not copied.
 * - .docx: mammoth, then the same paragraph rules as HTML; Word's automatic numbers are written
 *   as text "N. " counted as Word counts them, always decimal (lib/import/docx-text.ts says how
 *   and where that falls short).
 * - .pdf: its text layer, with lines joined into paragraphs (lib/import/pdf-text.ts).
 * - paste: the string as given (a browser sends a textarea's line ends as CRLF), a leading BOM
 *   removed; NUL or other control characters are refused, never stored.
 */
import { docxToText } from "./docx-text";
import { declaredHtmlCharset, htmlToText } from "./html-text";
import { ImportInputError, formatMegabytes } from "./input-error";
import { pdfToText } from "./pdf-text";
import { decodeTextBytes, firstForbiddenControl } from "./text-decode";
import type { SourceFormat, SourceText } from "./types";

export { ImportInputError } from "./input-error";

/** The largest upload or paste taken in: 5 MB (5,242,880 bytes). */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

const ACCEPTED = ".txt, .md, .html, .htm, .docx or .pdf";
const BY_EXTENSION: Record<string, Exclude<SourceFormat, "paste">> = {
  txt: "txt",
  md: "md",
  html: "html",
  htm: "html",
  docx: "docx",
  pdf: "pdf",
};
const BY_MEDIA_TYPE: Record<string, Exclude<SourceFormat, "paste">> = {
  "text/plain": "txt",
  "text/markdown": "md",
  "text/x-markdown": "md",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
};
/** Anything beyond white space, counting zero-width spaces and joiners as white space. */
const VISIBLE = /[^\s\u200B-\u200D\u2060\uFEFF]/u;

/** What the bytes say; `binary`: refused as "binary" under a text name, else as "unsupported_type". */
type Sniffed = { format: "pdf" | "docx" } | { other: string; binary: boolean } | null;

function startsWith(bytes: Uint8Array, ascii: string, at = 0): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** `textName`: the name says a text format, so "%PDF-" counts only at the very start. */
function sniff(bytes: Uint8Array, textName: boolean): Sniffed {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pdfAt = buf.subarray(0, 1024).indexOf("%PDF-");
  // PDF readers accept a header anywhere in the first 1 KB; a text about PDFs may quote one.
  if (pdfAt === 0 || (pdfAt > 0 && !textName)) return { format: "pdf" };
  if (startsWith(bytes, "PK\u0003\u0004")) {
    if (buf.includes("word/document.xml")) return { format: "docx" };
    if (buf.includes("xl/workbook")) return { other: "an Excel spreadsheet (.xlsx)", binary: true };
    if (buf.includes("ppt/presentation")) return { other: "a PowerPoint file (.pptx)", binary: true };
    if (buf.includes("opendocument")) return { other: "an OpenDocument file (.odt/.ods)", binary: true };
    return { other: "a zip archive", binary: true };
  }
  if (startsWith(bytes, "\u00D0\u00CF\u0011\u00E0\u00A1\u00B1\u001A\u00E1"))
    return { other: "an old Word .doc or other Office 97–2003 file", binary: false };
  if (startsWith(bytes, "{\\rtf")) return { other: "an RTF document", binary: false };
  const magic: [string, string, number?][] = [
    ["\u0089PNG", "a PNG image"],
    ["\u00FF\u00D8\u00FF", "a JPEG image"],
    ["GIF8", "a GIF image"],
    ["II*\u0000", "a TIFF image"],
    ["MM\u0000*", "a TIFF image"],
    ["WEBP", "a WebP image", 8],
    ["\u001F\u008B", "a gzip archive"],
    ["7z\u00BC\u00AF", "a 7-Zip archive"],
    ["Rar!", "a RAR archive"],
    ["\u007FELF", "a program"],
    ["MZ", "a Windows program"],
  ];
  for (const [sig, what, at] of magic) if (startsWith(bytes, sig, at ?? 0)) return { other: what, binary: true };
  return null;
}

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(fileName.trim());
  return m ? m[1]!.toLowerCase() : "";
}

function refuse(problem: ImportInputError["problem"], message: string): never {
  throw new ImportInputError(problem, "file", message);
}

function nonEmpty(result: SourceText, field: "file" | "text"): SourceText {
  if (!VISIBLE.test(result.text))
    throw new ImportInputError(
      "empty",
      field,
      field === "file"
        ? "The file holds no text (it is empty or only white space)."
        : "Paste the agreement's text: it is empty.",
    );
  return result;
}

function formatOf(
  bytes: Uint8Array,
  ext: string,
  mediaType: string,
): { format: Exclude<SourceFormat, "paste">; notes: string[] } {
  const named = BY_EXTENSION[ext] ?? BY_MEDIA_TYPE[mediaType];
  const sniffed = sniff(bytes, named === "txt" || named === "md" || named === "html");
  const shown = ext ? `.${ext}` : "without an extension";
  if (sniffed && "format" in sniffed) {
    const notes =
      named && named !== sniffed.format
        ? [
            `The file is named ${shown} but is a ${sniffed.format.toUpperCase()}: read as ${sniffed.format.toUpperCase()}.`,
          ]
        : [];
    return { format: sniffed.format, notes };
  }
  if (sniffed) {
    if (!named || !sniffed.binary)
      refuse(
        "unsupported_type",
        `This is ${sniffed.other}, which cannot be imported: upload ${ACCEPTED}, or paste the text.`,
      );
    if (named === "docx" && sniffed.other === "a zip archive")
      refuse(
        "unreadable",
        "This .docx is a zip archive without a Word document inside: save it again from Word as .docx.",
      );
    refuse("binary", `The file could not be read as text: it looks binary (${sniffed.other}).`);
  }
  if (!named)
    refuse(
      "unsupported_type",
      `Files ${ext ? `of type .${ext}` : "without an extension"} are not accepted: upload ${ACCEPTED}, or paste the text.`,
    );
  if (named === "pdf")
    refuse(
      "unreadable",
      `The file is named ${shown} but is not a PDF (it has no %PDF header): upload the PDF itself, or paste its text.`,
    );
  if (named === "docx")
    refuse(
      "unreadable",
      `The file is named ${shown} but is not a Word document (.docx is a zip file; this is not one): save it again from Word as .docx.`,
    );
  return { format: named, notes: [] };
}

/**
 * Read an uploaded file. `mediaType` is the upload's Content-Type, used when the name has none of
 * the accepted extensions, and for a `charset=` it declares. Throws ImportInputError (field "file").
 */
export async function readSourceFile(bytes: Uint8Array, fileName: string, mediaType?: string): Promise<SourceText> {
  if (bytes.byteLength > MAX_SOURCE_BYTES)
    refuse("too_large", `The file is ${formatMegabytes(bytes.byteLength)}; the limit is 5 MB.`);
  if (bytes.byteLength === 0) refuse("empty", "The file is empty (0 bytes).");
  const [type = "", ...params] = (mediaType ?? "")
    .toLowerCase()
    .split(";")
    .map((s) => s.trim());
  const declaredCharset =
    params
      .find((p) => p.startsWith("charset="))
      ?.slice(8)
      .replace(/"/g, "") ?? null;
  const { format: detected, notes } = formatOf(bytes, extensionOf(fileName), type);

  if (detected === "pdf") {
    const pdf = await pdfToText(bytes);
    return nonEmpty(
      {
        text: pdf.text,
        format: "pdf",
        encoding: "PDF text layer",
        encodingGuessed: false,
        notes: [...notes, ...pdf.notes],
      },
      "file",
    );
  }
  if (detected === "docx") {
    const docx = await docxToText(bytes);
    return nonEmpty(
      {
        text: docx.text,
        format: "docx",
        encoding: "UTF-8 (Word XML)",
        encodingGuessed: false,
        notes: [...notes, ...docx.notes],
      },
      "file",
    );
  }
  const html = detected === "html";
  const decoded = decodeTextBytes(bytes, declaredCharset ?? (html ? declaredHtmlCharset(bytes) : null));
  let format: Exclude<SourceFormat, "paste"> = detected;
  if (format === "txt" && /^\s*<(?:!doctype\s+html|html[\s>])/i.test(decoded.text)) {
    format = "html";
    notes.push("The .txt file holds an HTML page: read as HTML.");
  }
  if (format !== "html")
    return nonEmpty(
      {
        text: decoded.text,
        format,
        encoding: decoded.encoding,
        encodingGuessed: decoded.guessed,
        notes: [...notes, ...decoded.notes],
      },
      "file",
    );
  const page = htmlToText(decoded.text);
  return nonEmpty(
    {
      text: page.text,
      format,
      encoding: decoded.encoding,
      encodingGuessed: decoded.guessed,
      notes: [...notes, ...decoded.notes, ...page.notes],
    },
    "file",
  );
}

/** Take in pasted text as given (a leading BOM removed). Throws ImportInputError (field "text"). */
export function readPastedText(text: string): SourceText {
  const size = Buffer.byteLength(text, "utf8");
  if (size > MAX_SOURCE_BYTES)
    throw new ImportInputError(
      "too_large",
      "text",
      `The pasted text is ${formatMegabytes(size)}; the limit is 5 MB. Upload it as a file in parts, or paste less.`,
    );
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(body))
    throw new ImportInputError(
      "encoding",
      "text",
      "The pasted text holds broken characters (an unpaired UTF-16 surrogate): copy it again from its source.",
    );
  const control = firstForbiddenControl(body);
  if (control)
    throw new ImportInputError(
      "binary",
      "text",
      `The pasted text holds a control character that text never holds (${control}): remove it and paste again.`,
    );
  return nonEmpty({ text: body, format: "paste", encoding: "UTF-8", encodingGuessed: false, notes: [] }, "text");
}
