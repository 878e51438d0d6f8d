/**
 * Bytes of a text file (.txt, .md, .html) to a string, in this order (issue 10, "Text in"):
 *
 * 1. A byte-order mark decides: UTF-8 (EF BB BF), UTF-16LE (FF FE), UTF-16BE (FE FF), UTF-32LE/BE.
 *    The rest must decode without error in that encoding, else "encoding". The mark is dropped; it is
 *    the only character ever removed.
 * 2. No mark and NUL bytes: UTF-16 without a mark when the file has an even length, at least 10% of
 *    its bytes are zero and 90% of the zeros sit on one parity (chardet 2.2 reports UTF-16 only from a
 *    mark, so this check is ours); decoded strictly. Any other NUL byte: "binary".
 * 3. Valid UTF-8 (strict `TextDecoder`) is UTF-8; plain ASCII is valid UTF-8.
 * 4. A charset the file or upload declares (`<meta charset>` in HTML, `charset=` of the media type),
 *    when iconv-lite knows it and the result passes the check below: read as declared, not a guess.
 * 5. Else chardet's best guess (over 1 MB from just before the first non-ASCII byte, so that a long
 *    ASCII opening does not hide what follows), converted with iconv-lite when iconv-lite
 *    supports it and the result holds no U+FFFD and no control characters but tab, LF, CR and form
 *    feed (C1 controls U+0080–U+009F included: they only appear when a Windows-1252 file is read as
 *    ISO-8859-1). Labels are read as the WHATWG Encoding Standard reads them, the superset the
 *    label stands for in practice: ISO-8859-1 and US-ASCII → windows-1252, ISO-8859-9 → windows-1254,
 *    EUC-KR → CP949 (Korean), GB2312/GBK → GB18030, Shift_JIS → CP932. `guessed` is true and a note
 *    says what was assumed and chardet's confidence.
 *    One exception, for Korean: when chardet guesses a single-byte encoding but the bytes decode
 *    cleanly as CP949 and mostly into Hangul, they are read as CP949 (see `readsAsKorean`).
 * 6. Otherwise "encoding", naming what chardet detected.
 *
 * Control characters that text never holds (C0 other than tab, LF, CR and form feed; DEL; after
 * decoding also C1) are refused as "binary": "it looks binary" when they are over 1% of the bytes
 * (and 4 or more), else the message names the first ("U+001B on line 3"). They are refused, not removed, so that
 * offsets stay offsets into the file's text. Nothing is normalised: line ends stay as in the file.
 */
import chardet from "chardet";
import iconv from "iconv-lite";

import { ImportInputError } from "./input-error";

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read as ("UTF-8", "CP949", "windows-1252", …). */
  encoding: string;
  guessed: boolean;
  notes: string[];
}

/** Characters that never occur in text: C0 controls but tab, LF, CR, FF; DEL; C1 controls. */
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/;
const CHARDET_SAMPLE_BYTES = 1024 * 1024;
/** chardet's single-byte encodings: a reading in one of them never fails, so it may be mojibake. */
const SINGLE_BYTE = /^(?:ISO-8859-\d+|windows-125\d|KOI8-R|windows-874|ASCII|US-ASCII)$/i;

/** WHATWG Encoding Standard reading of a detected label: the superset actually in use. */
const SUPERSET: Record<string, string> = {
  "iso-8859-1": "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "iso-8859-9": "windows-1254",
  "euc-kr": "CP949",
  "ks_c_5601-1987": "CP949",
  gb2312: "GB18030",
  gbk: "GB18030",
  shift_jis: "CP932",
  sjis: "CP932",
};

function fail(problem: "encoding" | "binary", message: string): never {
  throw new ImportInputError(problem, "file", message);
}

function strictDecode(bytes: Uint8Array, label: "utf-8" | "utf-16le" | "utf-16be"): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** "U+001B on line 3" for the first forbidden control character of `text`, or null. */
export function firstForbiddenControl(text: string): string | null {
  const m = FORBIDDEN_CONTROL.exec(text);
  if (!m) return null;
  const line = text.slice(0, m.index).split("\n").length;
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  return `U+${code} on line ${line}`;
}

/** Refuse bytes that hold controls no text holds (NUL excluded: the caller decided about NULs). */
function refuseControlBytes(bytes: Uint8Array): void {
  let count = 0;
  let first = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b > 0 && b < 9) || b === 11 || (b > 13 && b < 32) || b === 127) {
      count++;
      if (first < 0) first = i;
    }
  }
  if (count === 0) return;
  if (count >= 4 && count > bytes.length / 100)
    fail("binary", "The file could not be read as text: it looks binary (an image, archive or program?).");
  const line = bytes.subarray(0, first).filter((b) => b === 10).length + 1;
  const code = bytes[first]!.toString(16).toUpperCase().padStart(4, "0");
  fail(
    "binary",
    `The file holds a control character that text never holds (U+${code} on line ${line}): it may be damaged. Save it again as plain text and upload it, or paste its text.`,
  );
}

function withBom(bytes: Uint8Array): DecodedText | null {
  const boms: [number[], string, (rest: Uint8Array) => string | null][] = [
    [[0xff, 0xfe, 0, 0], "UTF-32LE", (r) => iconvClean(r, "utf-32le")],
    [[0, 0, 0xfe, 0xff], "UTF-32BE", (r) => iconvClean(r, "utf-32be")],
    [[0xef, 0xbb, 0xbf], "UTF-8", (r) => strictDecode(r, "utf-8")],
    [[0xff, 0xfe], "UTF-16LE", (r) => strictDecode(r, "utf-16le")],
    [[0xfe, 0xff], "UTF-16BE", (r) => strictDecode(r, "utf-16be")],
  ];
  for (const [mark, name, decode] of boms) {
    if (!startsWith(bytes, mark)) continue;
    const text = decode(bytes.subarray(mark.length));
    if (text === null)
      fail(
        "encoding",
        `The file starts with a ${name} byte-order mark but is not valid ${name}: save it again as UTF-8.`,
      );
    return checked(text, name, false, [`Read as ${name} (the file's byte-order mark says so).`]);
  }
  return null;
}

function iconvClean(bytes: Uint8Array, encoding: string): string | null {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  return text.includes("\uFFFD") || FORBIDDEN_CONTROL.test(text) ? null : text;
}

/** A decoded text must hold no NUL or other control characters: refuse, never store them. */
function checked(text: string, encoding: string, guessed: boolean, notes: string[]): DecodedText {
  if (text.includes("\u0000"))
    fail("binary", "The file could not be read as text: it holds NUL characters (an image, archive or program?).");
  const control = firstForbiddenControl(text);
  if (control)
    fail(
      "binary",
      `The file holds a control character that text never holds (${control}): it may be damaged. Save it again as plain text and upload it, or paste its text.`,
    );
  return { text, encoding, guessed, notes };
}

function utf16WithoutBom(bytes: Uint8Array): DecodedText | null {
  if (bytes.length % 2 !== 0) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const zeros = even + odd;
  if (zeros < bytes.length / 10) return null;
  const name = odd >= zeros * 0.9 ? "UTF-16LE" : even >= zeros * 0.9 ? "UTF-16BE" : null;
  if (!name) return null;
  const text = strictDecode(bytes, name === "UTF-16LE" ? "utf-16le" : "utf-16be");
  if (text === null || FORBIDDEN_CONTROL.test(text) || text.includes("\u0000")) return null;
  return {
    text,
    encoding: name,
    guessed: true,
    notes: [`Read as ${name} without a byte-order mark (guessed from where its zero bytes sit): check the text.`],
  };
}

/**
 * The text when the bytes decode as CP949 without error and at least 60% of the non-ASCII
 * characters are Hangul syllables, else null. chardet misreads short Korean texts ("대한민국" as
 * ISO-8859-6, a one-line sentence as KOI8-R), and a single-byte reading of them always "succeeds":
 * this check keeps that mojibake out. Text in a Latin encoding almost never passes it (its high
 * bytes seldom pair into valid CP949, let alone mostly into Hangul).
 */
function readsAsKorean(bytes: Uint8Array): string | null {
  const text = iconvClean(bytes, "CP949");
  if (text === null) return null;
  const high = text.match(/[^\u0000-\u007F]/g) ?? [];
  const hangul = high.filter((c) => c >= "\uAC00" && c <= "\uD7A3").length;
  return hangul >= 2 && hangul >= high.length * 0.6 ? text : null;
}

function superset(label: string): string {
  return SUPERSET[label.toLowerCase()] ?? label;
}

/**
 * Decode the bytes of a text file. `declared` is a charset the file or its upload names, or null.
 * Throws ImportInputError ("encoding" or "binary", field "file").
 */
export function decodeTextBytes(bytes: Uint8Array, declared: string | null): DecodedText {
  const bom = withBom(bytes);
  if (bom) return bom;

  if (bytes.includes(0)) {
    const utf16 = utf16WithoutBom(bytes);
    if (utf16) return utf16;
    fail(
      "binary",
      "The file could not be read as text: it looks binary (it holds NUL bytes: an image, archive or program?).",
    );
  }
  refuseControlBytes(bytes);

  const utf8 = strictDecode(bytes, "utf-8");
  if (utf8 !== null) return checked(utf8, "UTF-8", false, []);

  if (declared && iconv.encodingExists(superset(declared))) {
    const encoding = superset(declared);
    const text = iconvClean(bytes, encoding);
    if (text !== null) return checked(text, encoding, false, [`Read as ${encoding}, the encoding the file declares.`]);
  }

  const firstHigh = bytes.findIndex((b) => b >= 0x80);
  const from = Math.max(0, firstHigh - 1024);
  const sample = bytes.subarray(from, from + CHARDET_SAMPLE_BYTES);
  const guess = chardet.analyse(sample)[0];
  const korean = guess && SINGLE_BYTE.test(guess.name) ? readsAsKorean(bytes) : null;
  if (korean !== null)
    return checked(korean, "CP949", true, [
      `Read as Korean CP949, a guess (the file is not UTF-8; chardet guessed ${guess!.name} at ${guess!.confidence}%, but the bytes read cleanly as Korean text): check that the text reads correctly.`,
    ]);
  if (!guess)
    fail(
      "encoding",
      "The file is not UTF-8 and its encoding could not be detected: save it as UTF-8 and upload it again.",
    );
  const encoding = superset(guess.name);
  const detected =
    encoding === guess.name
      ? encoding
      : `${encoding} (chardet detected ${guess.name}; ${encoding} is the superset in use)`;
  if (!iconv.encodingExists(encoding))
    fail(
      "encoding",
      `The file is not UTF-8; it looks like ${guess.name}, which cannot be converted here: save it as UTF-8 and upload it again.`,
    );
  const text = iconvClean(bytes, encoding);
  if (text === null)
    fail(
      "encoding",
      `The file is not UTF-8, and reading it as ${guess.name} (chardet's guess, ${guess.confidence}% confidence) gives characters that cannot be right: save it as UTF-8 and upload it again.`,
    );
  return checked(text, encoding, true, [
    `Read as ${detected}, a guess (the file is not UTF-8; chardet's confidence ${guess.confidence}%): check that the text reads correctly.`,
  ]);
}
