/**
 * Build import test files in code instead of committing binaries: a .docx (jszip, the minimal parts
 * mammoth reads, with Word automatic numbering) and PDFs (pdf-lib) whose text is any Unicode —
 * Korean included — through a Type0 font with a ToUnicode map, the way real PDFs carry it, plus an
 * image-only PDF and a password-protected one.
 */
import JSZip from "jszip";
import { PDFDocument, PDFHexString, PDFName, PDFNumber, StandardFonts } from "pdf-lib";

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A paragraph of a test .docx: plain, or an item of the auto-numbered (decimal) or bulleted list. */
export type DocxParagraph = string | { numbered: string } | { bullet: string };

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A .docx with the given paragraphs; numbered ones use Word numbering (numId 1, decimal "%1."). */
export async function buildDocx(paragraphs: DocxParagraph[]): Promise<Uint8Array> {
  const body = paragraphs
    .map((p) => {
      const [text, numId] = typeof p === "string" ? [p, null] : "numbered" in p ? [p.numbered, 1] : [p.bullet, 2];
      const numPr = numId ? `<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>` : "";
      return `<w:p>${numPr}<w:r><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p>`;
    })
    .join("");
  const level = (fmt: string, text: string) =>
    `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
  );
  zip.file(
    "word/numbering.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0">${level("decimal", "%1.")}</w:abstractNum><w:abstractNum w:abstractNumId="1">${level("bullet", "•")}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
  );
  return zip.generateAsync({ type: "uint8array" });
}

/** One page of a test PDF: lines from the top (11 pt, or the size given), "" for a blank line. */
export type PdfPageLines = (string | { text: string; size: number })[];

const lineText = (line: PdfPageLines[number]) => (typeof line === "string" ? line : line.text);

/**
 * A PDF whose pages hold these lines (11 pt, 14 pt line pitch). Every character is drawn through
 * one Type0 font (Identity-H) with a ToUnicode map and no embedded glyphs: pdf.js reads the text
 * from the map, as it does for real PDFs with embedded subset fonts.
 */
export async function buildTextPdf(pages: PdfPageLines[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const chars = [...new Set(pages.flat().map(lineText).join(""))];
  const cid = new Map(chars.map((c, i) => [c, i + 1]));
  const hex = (n: number, width = 4) => n.toString(16).toUpperCase().padStart(width, "0");
  const utf16 = (c: string) =>
    [...Buffer.from(c, "utf16le")].reduce((s, b, i, a) => (i % 2 ? s : s + hex((a[i + 1]! << 8) | b, 4)), "");
  const bfchars: string[] = chars.map((c) => `<${hex(cid.get(c)!)}> <${utf16(c)}>`);
  const sections: string[] = [];
  for (let i = 0; i < bfchars.length; i += 100) {
    const part = bfchars.slice(i, i + 100);
    sections.push(`${part.length} beginbfchar\n${part.join("\n")}\nendbfchar`);
  }
  const toUnicode = ctx.register(
    ctx.stream(
      `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n${sections.join("\n")}\nendcmap CMapName currentdict /CMap defineresource pop end end`,
    ),
  );
  // Widths: Latin and punctuation 500/1000 em, others (Hangul, CJK) a full em.
  const widths = chars.map((c) => (c.charCodeAt(0) < 0x2e80 ? 500 : 1000));
  const descriptor = ctx.register(
    ctx.obj({
      Type: "FontDescriptor",
      FontName: "TestSans",
      Flags: 4,
      FontBBox: [0, -200, 1000, 900],
      ItalicAngle: 0,
      Ascent: 900,
      Descent: -200,
      CapHeight: 700,
      StemV: 80,
    }),
  );
  const cidFont = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "CIDFontType2",
      BaseFont: "TestSans",
      FontDescriptor: descriptor,
      CIDSystemInfo: {
        Registry: PDFHexString.fromText("Adobe"),
        Ordering: PDFHexString.fromText("Identity"),
        Supplement: 0,
      },
      W: [1, widths],
      DW: 1000,
    }),
  );
  const font = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "Type0",
      BaseFont: "TestSans",
      Encoding: "Identity-H",
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    page.node.setFontDictionary(PDFName.of("F1"), font);
    const ops = lines
      .map((line, i) => {
        const [text, size] = typeof line === "string" ? [line, 11] : [line.text, line.size];
        const codes = [...text].map((c) => hex(cid.get(c)!)).join("");
        return text ? `BT /F1 ${size} Tf 1 0 0 1 50 ${800 - i * 14} Tm <${codes}> Tj ET` : "";
      })
      .filter(Boolean)
      .join("\n");
    page.node.addContentStream(ctx.register(ctx.stream(ops)));
  }
  return doc.save();
}

/** A one-page PDF holding only an image (a 2×2 grey PNG drawn full page): no text layer. */
export async function buildImageOnlyPdf(): Promise<Uint8Array> {
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4nGNgYGBgYAAAAAUAAXpeqz8AAAAASUVORK5CYII=",
    "base64",
  );
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(png);
  doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  return doc.save();
}

/** A PDF with a standard-security /Encrypt dictionary whose passwords match nothing: pdf.js asks for one. */
export async function buildPasswordPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText("Secret text", { x: 50, y: 700, size: 12, font });
  const ctx = doc.context;
  const bytes32 = (seed: number) => PDFHexString.of(hexBytes(32, seed));
  ctx.trailerInfo.Encrypt = ctx.register(
    ctx.obj({ Filter: "Standard", V: 1, R: 2, O: bytes32(7), U: bytes32(11), P: PDFNumber.of(-4) }),
  );
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(hexBytes(16, 3)), PDFHexString.of(hexBytes(16, 5))]);
  return doc.save({ useObjectStreams: false });
}

function hexBytes(n: number, seed: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += ((seed * (i + 13) * 37) % 256).toString(16).padStart(2, "0");
  return out;
}

/**
 * A one-line PDF in a Korean font with a predefined encoding (UniKS-UCS2-H, Adobe-Korea1) and no
 * ToUnicode map, as older Korean PDFs are made: pdf.js reads it only with its CMap files.
 */
export async function buildPredefinedCmapKoreanPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const descriptor = ctx.register(
    ctx.obj({
      Type: "FontDescriptor",
      FontName: "HYSMyeongJo-Medium",
      Flags: 6,
      FontBBox: [0, -148, 1001, 880],
      ItalicAngle: 0,
      Ascent: 880,
      Descent: -120,
      CapHeight: 880,
      StemV: 60,
    }),
  );
  const cidFont = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "CIDFontType0",
      BaseFont: "HYSMyeongJo-Medium",
      FontDescriptor: descriptor,
      DW: 1000,
      CIDSystemInfo: {
        Registry: PDFHexString.fromText("Adobe"),
        Ordering: PDFHexString.fromText("Korea1"),
        Supplement: 1,
      },
    }),
  );
  const font = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "Type0",
      BaseFont: "HYSMyeongJo-Medium",
      Encoding: "UniKS-UCS2-H",
      DescendantFonts: [cidFont],
    }),
  );
  const page = doc.addPage([595, 842]);
  page.node.setFontDictionary(PDFName.of("F1"), font);
  const codes = [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("");
  page.node.addContentStream(ctx.register(ctx.stream(`BT /F1 12 Tf 50 700 Td <${codes}> Tj ET`)));
  return doc.save();
}
