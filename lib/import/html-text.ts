/**
 * HTML to plain text with its paragraph structure, for uploaded .html/.htm files (through
 * @mozilla/readability on a linkedom document) and for the HTML mammoth makes of a .docx.
 *
 * What the text is made of (`blocksToText`):
 * - Every block element (p, div, headings, li, blockquote, tr, dt/dd, …) is its own paragraph;
 *   paragraphs are joined by one blank line ("\n\n"), and `<br>` is "\n" inside a paragraph (two or
 *   more in a row are one blank line, as pages that separate paragraphs with `<br><br>` mean).
 * - Inside a paragraph, runs of HTML white space (space, tab, CR, LF, FF) are one space, as a browser
 *   shows them, and each line is trimmed; `<pre>` keeps its white space. No-break spaces are kept.
 * - An `<ol>` item starts with the number a browser would show for it, "1. ", "2. " … (`start`,
 *   `value`, `reversed` and `type` a/A/i/I honoured), so numbered paragraphs keep their numbers;
 *   `<ul>` items are paragraphs without a bullet. mammoth's footnote and endnote list items
 *   (`id="footnote-N"`) start "[N] " instead, as their references read in the text.
 * - Table cells of a row are separated by a tab, one row a paragraph.
 * - Dropped: script, style, noscript, template, nav, svg, iframe, object, embed, canvas, form
 *   controls, head, and any element with the `hidden` attribute.
 * - Control characters other than tab and LF are dropped (this text is made, not read byte for
 *   byte, so it has no file offsets to keep).
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "nav",
  "svg",
  "iframe",
  "object",
  "embed",
  "canvas",
  "button",
  "select",
  "option",
  "textarea",
  "input",
  "head",
  "title",
  "meta",
  "link",
]);
const BLOCK = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "header",
  "footer",
  "aside",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "blockquote",
  "pre",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "caption",
  "dl",
  "dt",
  "dd",
  "figure",
  "figcaption",
  "address",
  "hr",
  "details",
  "summary",
  "center",
  "fieldset",
  "legend",
  "body",
  "html",
]);
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
  hasAttribute?(name: string): boolean;
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, "m"],
    [900, "cm"],
    [500, "d"],
    [400, "cd"],
    [100, "c"],
    [90, "xc"],
    [50, "l"],
    [40, "xl"],
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let out = "";
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

function letters(n: number): string {
  let out = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
  return out;
}

/** The marker a browser shows for an ordered list item numbered `n` with list `type`. */
function marker(n: number, type: string | null): string {
  if (n <= 0 || !type || type === "1") return `${n}.`;
  if (type === "a") return `${letters(n)}.`;
  if (type === "A") return `${letters(n).toUpperCase()}.`;
  if (type === "i") return `${roman(n)}.`;
  if (type === "I") return `${roman(n).toUpperCase()}.`;
  return `${n}.`;
}

class TextBuilder {
  paragraphs: string[] = [];
  private current = "";
  private prefix: string | null = null;

  text(s: string, pre: boolean): void {
    if (!pre) s = s.replace(/[ \t\r\n\f]+/g, " ");
    if (!pre && this.current === "" && s.trim() === "") return;
    if (this.prefix !== null && s.trim() !== "") {
      this.current += this.prefix;
      this.prefix = null;
      if (!pre) s = s.replace(/^ +/, "");
    }
    this.current += s;
  }

  lineBreak(): void {
    this.current += "\n";
  }

  startItem(prefix: string): void {
    this.flush();
    this.prefix = prefix;
  }

  flush(): void {
    const lines = this.current.split("\n").map((l) => l.replace(/^[ \t\r\f]+|[ \t\r\f]+$/g, ""));
    const text = lines
      .join("\n")
      .replace(/^\n+|\n+$/g, "")
      .replace(CONTROL, "");
    if (text.trim() !== "") this.paragraphs.push(text);
    this.current = "";
  }
}

function walk(node: DomNode, out: TextBuilder, pre: boolean): void {
  if (node.nodeType === 3) {
    out.text(node.textContent ?? "", pre);
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
  const name = node.nodeName.toLowerCase();
  if (SKIP.has(name) || node.hasAttribute?.("hidden")) return;
  if (name === "br") return out.lineBreak();
  const block = BLOCK.has(name);
  if (block) out.flush();
  if (name === "ol") {
    const items = Array.from(node.childNodes).filter((c) => c.nodeName.toLowerCase() === "li");
    const reversed = node.hasAttribute?.("reversed") ?? false;
    const startAttr = Number.parseInt(node.getAttribute?.("start") ?? "", 10);
    let n = Number.isFinite(startAttr) ? startAttr : reversed ? items.length : 1;
    const type = node.getAttribute?.("type") ?? null;
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeName.toLowerCase() !== "li") {
        walk(child, out, pre);
        continue;
      }
      const value = Number.parseInt(child.getAttribute?.("value") ?? "", 10);
      if (Number.isFinite(value)) n = value;
      const note = /^(?:foot|end)note-(\d+)$/.exec(child.getAttribute?.("id") ?? "");
      out.startItem(note ? `[${note[1]}] ` : `${marker(n, type)} `);
      for (const c of Array.from(child.childNodes)) walk(c, out, pre);
      out.flush();
      n += reversed ? -1 : 1;
    }
    out.flush();
    return;
  }
  if (name === "td" || name === "th") out.text("\t", true);
  for (const child of Array.from(node.childNodes)) walk(child, out, pre || name === "pre");
  if (block) out.flush();
}

/** The paragraphs of a DOM subtree as text, by the rules in this module's docstring. */
export function blocksToText(root: unknown): string {
  const out = new TextBuilder();
  walk(root as DomNode, out, false);
  out.flush();
  // A row's first cell also got a tab before it; rows start at their first cell.
  return out.paragraphs.map((p) => p.replace(/^\t+/, "")).join("\n\n");
}

/** A charset an HTML file declares in its first 1,024 bytes (`<meta charset>` or http-equiv). */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  return m?.[1] ?? null;
}

/** linkedom builds no body for a fragment ("<p>…</p>"): give it one, as a browser would. */
function asDocument(html: string): string {
  return /<(?:html|body)[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
}

/** The page's text without chrome: body with nav, aside and footer removed too. */
function bodyText(html: string, withoutChrome: boolean): string {
  const { document } = parseHTML(html);
  if (withoutChrome)
    for (const el of Array.from(document.querySelectorAll("nav, aside, footer, [role=navigation]"))) el.remove();
  return blocksToText(document.body ?? document.documentElement);
}

/**
 * The main text of an HTML page: Readability's article (its title first when the article does not
 * already start with it), else, when Readability finds no article, the body's text without nav,
 * aside and footer (with them when nothing else is left). `notes` says which and how much of the
 * page's text was kept.
 */
export function htmlToText(source: string): { text: string; notes: string[] } {
  const html = asDocument(source);
  const whole = bodyText(html, true) || bodyText(html, false);
  const { document } = parseHTML(html);
  let article: ReturnType<Readability<unknown>["parse"]> = null;
  try {
    article = new Readability<unknown>(document as unknown as Document, { serializer: (node) => node }).parse();
  } catch {
    article = null;
  }
  let text = article?.content ? blocksToText(article.content) : "";
  if (text.trim() === "") {
    return {
      text: whole,
      notes: whole
        ? [
            "No main article found in the page: kept the text of its body (without navigation, asides and footer when anything else is left).",
          ]
        : [],
    };
  }
  const title = article?.title?.replace(/\s+/g, " ").trim();
  if (title && !text.slice(0, title.length + 200).includes(title)) text = `${title}\n\n${text}`;
  const share = whole.length > 0 ? Math.min(100, Math.round((text.length / whole.length) * 100)) : 100;
  return {
    text,
    notes: [
      `Reduced to the page's main text by Readability (${text.length.toLocaleString("en")} of ${whole.length.toLocaleString("en")} characters, ${share}%): check that no paragraph is missing.`,
    ],
  };
}
