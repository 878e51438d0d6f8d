/**
 * Text in (issue 10, step 1): every format, encoding and refusal of lib/import/text-in.ts, on files
 * built here (iconv-lite for legacy encodings, jszip for .docx, pdf-lib for PDFs).
 */
import iconv from "iconv-lite";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";

import { ImportInputError, MAX_SOURCE_BYTES, readPastedText, readSourceFile } from "@/lib/import/text-in";
import type { ImportInputProblem } from "@/lib/import/types";
import {
  buildDocx,
  buildImageOnlyPdf,
  buildPasswordPdf,
  buildPredefinedCmapKoreanPdf,
  buildTextPdf,
} from "@/tests/support/import-files";

const KO = "양국 정상은 2025년까지 포괄적 경제동반자협정(CEPA)을 체결하기로 합의하였다.";
const KO_CP949_ONLY = "똠방각하, 뷁: CP949에만 있는 글자도 그대로 남는다.";
const MS = "Perdana Menteri Anwar Ibrahim berkata … café – “quotes” kerjasama ekonomi akan diperkukuh.";
const utf8 = (s: string) => new TextEncoder().encode(s);

async function refusal(run: () => Promise<unknown> | unknown): Promise<ImportInputError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ImportInputError) return error;
    throw error;
  }
  throw new Error("expected an ImportInputError, got a result");
}

async function expectRefused(run: () => Promise<unknown> | unknown, problem: ImportInputProblem, message: RegExp) {
  const error = await refusal(run);
  expect(error.problem).toBe(problem);
  expect(error.message).toMatch(message);
  return error;
}

describe("pasted text", () => {
  it("is kept exactly as given, CRLF included, with only a leading BOM removed", () => {
    const text = `1. ${KO}\r\n\r\n2. ${MS}\r\n`;
    expect(readPastedText(text)).toEqual({
      text,
      format: "paste",
      encoding: "UTF-8",
      encodingGuessed: false,
      notes: [],
    });
    expect(readPastedText(`\uFEFF${text}`).text).toBe(text);
  });

  it("refuses empty, control characters, broken surrogates and over 5 MB, on the text field", async () => {
    const empty = await expectRefused(() => readPastedText(" \n\t\u200B\u3000"), "empty", /empty/);
    expect(empty.field).toBe("text");
    await expectRefused(() => readPastedText("a\u0000b"), "binary", /U\+0000 on line 1/);
    await expectRefused(() => readPastedText("ok\n\u001b[31m"), "binary", /U\+001B on line 2/);
    await expectRefused(() => readPastedText("a\uD800b"), "encoding", /surrogate/);
    // 2,000,000 Hangul syllables are 6,000,000 UTF-8 bytes though only 2,000,000 UTF-16 units.
    await expectRefused(
      () => readPastedText("한".repeat(2_000_000)),
      "too_large",
      /^The pasted text is 5\.7 MB; the limit is 5 MB/,
    );
  });
});

describe("text files: encodings", () => {
  it("reads UTF-8 as is: line ends kept, nothing guessed", async () => {
    const text = `${KO}\r\n${MS}\n\tend`;
    const read = await readSourceFile(utf8(text), "statement.txt");
    expect(read).toEqual({ text, format: "txt", encoding: "UTF-8", encodingGuessed: false, notes: [] });
  });

  it("lets a byte-order mark decide, and strips only the mark", async () => {
    const text = `${KO}\n${MS}\uFEFF`;
    const bom8 = await readSourceFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]), "a.md");
    expect(bom8).toMatchObject({ text, format: "md", encoding: "UTF-8", encodingGuessed: false });
    const le = await readSourceFile(new Uint8Array([0xff, 0xfe, ...iconv.encode(text, "utf-16le")]), "a.txt");
    expect(le).toMatchObject({ text, encoding: "UTF-16LE", encodingGuessed: false });
    const be = await readSourceFile(new Uint8Array([0xfe, 0xff, ...iconv.encode(text, "utf-16be")]), "a.txt");
    expect(be).toMatchObject({ text, encoding: "UTF-16BE" });
    await expectRefused(
      () => readSourceFile(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff]), "a.txt"),
      "encoding",
      /UTF-8 byte-order mark but is not valid UTF-8/,
    );
  });

  it("converts Korean CP949/EUC-KR exactly, as a guess with a note", async () => {
    const text = `제1조 ${KO}\r\n${KO_CP949_ONLY}\r\n`;
    const read = await readSourceFile(iconv.encode(text, "cp949"), "ko.txt");
    expect(read.text).toBe(text);
    expect(read.encoding).toBe("CP949");
    expect(read.encodingGuessed).toBe(true);
    expect(read.notes.join(" ")).toMatch(/chardet detected EUC-KR.*confidence \d+%/);
  });

  it("reads short Korean CP949 files that chardet misreads (KOI8-R, ISO-8859-6) as Korean", async () => {
    for (const text of ["양국 정상은 합의하였다.", "대한민국", "제1조 목적"]) {
      const read = await readSourceFile(iconv.encode(text, "cp949"), "short.txt");
      expect(read).toMatchObject({ text, encoding: "CP949", encodingGuessed: true });
    }
    // Windows-1252 Malay does not pass for Korean.
    const ms = "Perdana Menteri – “ok”, café.";
    expect((await readSourceFile(iconv.encode(ms, "windows-1252"), "ms.txt")).text).toBe(ms);
  });

  it("detects the encoding where the non-ASCII text is, after a long ASCII opening", async () => {
    const text = `${"Joint Statement of the Republic of Korea and Malaysia.\n".repeat(25_000)}${KO}\n`;
    const read = await readSourceFile(iconv.encode(text, "cp949"), "long.txt");
    expect(read.encoding).toBe("CP949");
    expect(read.text).toBe(text);
  });

  it("converts Malay Windows-1252 exactly (curly quotes, en dash, ellipsis, é)", async () => {
    const text = `${MS}\nKenyataan Bersama: Malaysia dan Korea akan meneroka kerjasama pertahanan.\n`;
    const read = await readSourceFile(iconv.encode(text, "windows-1252"), "ms.txt");
    expect(read).toMatchObject({ text, encoding: "windows-1252", encodingGuessed: true });
    expect(read.notes[0]).toMatch(/^Read as windows-1252, a guess/);
  });

  it("converts Shift_JIS, GB18030 and UTF-16 without a mark", async () => {
    const ja = "日本国と大韓民国は、二〇二五年までに協定を締結することで一致した。東京にて。";
    expect((await readSourceFile(iconv.encode(ja, "shift_jis"), "ja.txt")).text).toBe(ja);
    const zh = "中华人民共和国和马来西亚同意在二〇二五年前加强经济合作。双方将继续推进。";
    expect((await readSourceFile(iconv.encode(zh, "gb18030"), "zh.txt")).text).toBe(zh);
    const le = await readSourceFile(iconv.encode(MS, "utf-16le"), "ms.txt");
    expect(le).toMatchObject({ text: MS, encoding: "UTF-16LE", encodingGuessed: true });
    expect((await readSourceFile(iconv.encode(MS, "utf-16be"), "ms.txt")).encoding).toBe("UTF-16BE");
  });

  it("uses a declared charset before guessing (HTML meta, media type)", async () => {
    const html = `<html><head><meta charset="euc-kr"><title>공동성명</title></head><body><p>${KO}</p></body></html>`;
    const read = await readSourceFile(iconv.encode(html, "cp949"), "ko.html");
    expect(read).toMatchObject({
      text: `공동성명\n\n${KO}`,
      format: "html",
      encoding: "CP949",
      encodingGuessed: false,
    });
    const typed = await readSourceFile(iconv.encode(MS, "windows-1252"), "ms", "text/plain; charset=ISO-8859-1");
    expect(typed).toMatchObject({ text: MS, format: "txt", encoding: "windows-1252", encodingGuessed: false });
  });

  it("refuses a guess that would give impossible characters, naming the guess", async () => {
    const bytes = new Uint8Array([...iconv.encode(MS, "windows-1252"), 0x81, 0x8d]);
    await expectRefused(
      () => readSourceFile(bytes, "ms.txt"),
      "encoding",
      /not UTF-8, and reading it as windows-1252 \(chardet's guess, \d+% confidence\)/,
    );
  });
});

describe("refusals before reading", () => {
  it("refuses over 5 MB before parsing anything", async () => {
    const big = new Uint8Array(Math.ceil(7.2 * 1024 * 1024));
    const error = await expectRefused(
      () => readSourceFile(big, "scan.pdf"),
      "too_large",
      /^The file is 7\.2 MB; the limit is 5 MB\.$/,
    );
    expect(error.field).toBe("file");
    await expectRefused(
      () => readSourceFile(new Uint8Array(MAX_SOURCE_BYTES + 1).fill(65), "a.txt"),
      "too_large",
      /5\.0 MB \(5,242,881 bytes\)/,
    );
    const atLimit = await readSourceFile(new Uint8Array(MAX_SOURCE_BYTES).fill(65), "a.txt");
    expect(atLimit.text.length).toBe(MAX_SOURCE_BYTES);
  });

  it("refuses empty and white-space-only files", async () => {
    await expectRefused(() => readSourceFile(new Uint8Array(), "a.txt"), "empty", /empty \(0 bytes\)/);
    await expectRefused(() => readSourceFile(utf8(" \r\n\t\u00A0\u200B"), "a.txt"), "empty", /holds no text/);
    await expectRefused(
      () => readSourceFile(utf8("<html><body><script>var a = 1;</script></body></html>"), "a.html"),
      "empty",
      /holds no text/,
    );
    await expectRefused(async () => readSourceFile(await buildDocx(["", " "]), "a.docx"), "empty", /holds no text/);
  });

  it("refuses binary content given a text name", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expectRefused(() => readSourceFile(png, "statement.txt"), "binary", /looks binary \(a PNG image\)/);
    const zip = new JSZip();
    zip.file("notes.txt", "hello");
    await expectRefused(
      async () => readSourceFile(await zip.generateAsync({ type: "uint8array" }), "a.txt"),
      "binary",
      /a zip archive/,
    );
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    await expectRefused(() => readSourceFile(noise, "a.md"), "binary", /looks binary/);
    await expectRefused(
      () => readSourceFile(utf8("line one\nline \u001b two"), "a.txt"),
      "binary",
      /U\+001B on line 2/,
    );
  });

  it("refuses types it cannot read, naming the accepted ones", async () => {
    const accepted = /\.txt, \.md, \.html, \.htm, \.docx or \.pdf/;
    await expectRefused(
      () => readSourceFile(utf8("{\\rtf1\\ansi Hello}"), "a.rtf"),
      "unsupported_type",
      /an RTF document/,
    );
    await expectRefused(() => readSourceFile(utf8("hello"), "a.odt"), "unsupported_type", accepted);
    await expectRefused(() => readSourceFile(utf8("hello"), "a.odt"), "unsupported_type", /of type \.odt/);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expectRefused(
      () => readSourceFile(ole, "old.doc"),
      "unsupported_type",
      /old Word \.doc.*cannot be imported: upload \.txt/,
    );
    await expectRefused(() => readSourceFile(ole, "old.docx"), "unsupported_type", /old Word \.doc/);
    const gif = utf8("GIF89a\u0001\u0000");
    await expectRefused(() => readSourceFile(gif, "photo.gif"), "unsupported_type", /a GIF image/);
    expect((await readSourceFile(utf8(MS), "statement", "text/plain")).format).toBe("txt");
    expect((await readSourceFile(utf8(MS), "statement.2024", "text/plain")).format).toBe("txt");
  });

  it("reads a text that quotes a PDF header as text", async () => {
    const text = `Notes on formats.\nA PDF file starts with %PDF-1.7 and then…\n${KO}`;
    expect(await readSourceFile(utf8(text), "notes.md")).toMatchObject({ text, format: "md" });
  });

  it("refuses a file whose bytes are not what its document name says", async () => {
    await expectRefused(() => readSourceFile(utf8(MS), "a.pdf"), "unreadable", /not a PDF/);
    await expectRefused(() => readSourceFile(utf8(MS), "a.docx"), "unreadable", /not a Word document/);
  });
});

describe("HTML", () => {
  const page = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Joint Statement</title>
<style>p { color: red }</style><script>window.track = "script text";</script></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Joint Statement</h1>
<p>The Leaders of   the Republic of Korea and
Malaysia met in Kuala Lumpur on 25 November 2024.</p>
<ol><li>Both sides <b>will</b> conclude the Korea–Malaysia FTA by 2025.</li>
<li>The Leaders agreed to explore defence R&amp;D.</li></ol>
<p>${KO}<br>${MS}</p><div>Third from last.<br><br><br>Second from last.</div>
<ol start="4"><li><p>Fourth, in its own paragraph.</p></li></ol>
<noscript>Enable JavaScript</noscript></article>
<footer>© Ministry</footer></body></html>`;

  it("keeps the main text as paragraphs, numbered items numbered, scripts, styles and nav dropped", async () => {
    const read = await readSourceFile(utf8(page), "statement.html");
    expect(read.text).toBe(
      [
        "Joint Statement",
        "The Leaders of the Republic of Korea and Malaysia met in Kuala Lumpur on 25 November 2024.",
        "1. Both sides will conclude the Korea–Malaysia FTA by 2025.",
        "2. The Leaders agreed to explore defence R&D.",
        `${KO}\n${MS}`,
        "Third from last.\n\nSecond from last.",
        "4. Fourth, in its own paragraph.",
      ].join("\n\n"),
    );
    expect(read).toMatchObject({ format: "html", encoding: "UTF-8", encodingGuessed: false });
    expect(read.notes.join(" ")).toMatch(/Readability/);
  });

  it("falls back to the body's text when Readability finds no article", async () => {
    // Readability 0.6 returns null for a page whose only text is in an <aside>.
    const read = await readSourceFile(utf8(`<html><body><aside>${KO}<br>${MS}</aside></body></html>`), "a.htm");
    expect(read.text).toBe(`${KO}\n${MS}`);
    expect(read.notes).toEqual([expect.stringMatching(/^No main article found/)]);
  });

  it("reads a .txt holding an HTML page as HTML", async () => {
    const read = await readSourceFile(utf8(page), "saved.txt");
    expect(read.format).toBe("html");
    expect(read.text).not.toContain("script text");
  });
});

describe(".docx", () => {
  it("keeps paragraphs, writes Word's automatic numbers as Word counts them, Korean and Malay intact", async () => {
    const docx = await buildDocx([
      "Joint Statement",
      { numbered: "Both sides will conclude the FTA by 2025." },
      { numbered: KO },
      "Defence cooperation",
      { numbered: MS },
      { bullet: "A bulleted point." },
      "3. A number typed by hand.",
    ]);
    const read = await readSourceFile(docx, "statement.docx");
    expect(read.text).toBe(
      [
        "Joint Statement",
        "1. Both sides will conclude the FTA by 2025.",
        `2. ${KO}`,
        "Defence cooperation",
        `3. ${MS}`,
        "A bulleted point.",
        "3. A number typed by hand.",
      ].join("\n\n"),
    );
    expect(read.format).toBe("docx");
  });

  it("reads a .docx by its bytes whatever its name; a truncated one is unreadable", async () => {
    const docx = await buildDocx([KO]);
    const named = await readSourceFile(docx, "statement.txt");
    expect(named).toMatchObject({ text: KO, format: "docx" });
    expect(named.notes[0]).toMatch(/named \.txt but is a DOCX/);
    await expectRefused(
      () => readSourceFile(docx.slice(0, Math.floor(docx.length * 0.6)), "statement.docx"),
      "unreadable",
      /could not be read/,
    );
  });
});

describe("PDF", () => {
  it("joins lines into paragraphs, rejoins hyphenated words, drops page numbers, Korean and Malay intact", async () => {
    const pdf = await buildTextPdf([
      [
        "1. The Leaders agreed to conclude the Korea-Malaysia Free Trade Agree-",
        "ment by the end of 2025 and to deepen long-term cooperation in long-",
        "term defence research and",
        "",
        "- 1 -",
      ],
      [
        "development.",
        "",
        `2. ${KO.slice(0, KO.indexOf(" 포괄적"))}`,
        KO.slice(KO.indexOf(" 포괄적") + 1),
        "",
        "3. Perdana Menteri Anwar Ibrahim berkata … café –",
        "“quotes” kerjasama ekonomi akan diperkukuh.",
        "",
        "2",
      ],
    ]);
    const read = await readSourceFile(pdf, "statement.pdf");
    expect(read.text).toBe(
      [
        "1. The Leaders agreed to conclude the Korea-Malaysia Free Trade Agreement by the end of 2025 and to deepen long-term cooperation in long-term defence research and development.",
        `2. ${KO}`,
        `3. ${MS}`,
      ].join("\n\n"),
    );
    expect(read).toMatchObject({ format: "pdf", encodingGuessed: false });
  });

  it("starts a paragraph at a heading and after a short last line, without a gap", async () => {
    const body = "The two Leaders agreed to strengthen defence research and development cooperation";
    const pdf = await buildTextPdf([
      [
        { text: "Defence Cooperation", size: 13 },
        `${body} and`,
        "will hold annual talks.",
        "Both sides will also explore joint production of defence equipment in the region",
        "by 2026.",
        "Trade and Investment",
        "The Leaders welcomed the conclusion of negotiations.",
      ],
    ]);
    expect((await readSourceFile(pdf, "s.pdf")).text).toBe(
      [
        "Defence Cooperation",
        `${body} and will hold annual talks.`,
        "Both sides will also explore joint production of defence equipment in the region by 2026.",
        "Trade and Investment",
        "The Leaders welcomed the conclusion of negotiations.",
      ].join("\n\n"),
    );
  });

  it("reads Korean in a font with a predefined CMap (pdf.js CMap files)", async () => {
    expect((await readSourceFile(await buildPredefinedCmapKoreanPdf(KO), "ko.pdf")).text).toBe(KO);
  });

  it("refuses an image-only PDF as scanned, a truncated or encrypted one as unreadable", async () => {
    await expectRefused(
      async () => readSourceFile(await buildImageOnlyPdf(), "scan.pdf"),
      "scanned_pdf",
      /^This PDF has no text layer \(a scan\?\): paste its text or upload a text PDF\.$/,
    );
    const pdf = await buildTextPdf([[MS]]);
    await expectRefused(() => readSourceFile(pdf.slice(0, 300), "cut.pdf"), "unreadable", /damaged or incomplete/);
    await expectRefused(
      async () => readSourceFile(await buildPasswordPdf(), "secret.pdf"),
      "unreadable",
      /password-protected/,
    );
  });

  it("reads a PDF by its bytes whatever its name, and notes pages without text", async () => {
    const pdf = await buildTextPdf([[MS], []]);
    const read = await readSourceFile(pdf, "statement.txt");
    expect(read).toMatchObject({ text: MS, format: "pdf" });
    expect(read.notes.join(" ")).toMatch(/named \.txt but is a PDF.*Page 2 has no text/);
  });
});
