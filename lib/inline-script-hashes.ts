/**
 * The CSP hashes for the inline scripts of a finished HTML page (docs/decisions/007).
 *
 * Only the inline scripts Next.js itself writes are hashed, recognised by their shape: a call that
 * pushes one JSON value (the React Server Components payload, `self.__next_f.push([1,"…"])`, and
 * Turbopack's chunk list). The argument must parse as JSON, so a hashed script can only hand data to
 * Next's runtime; a `<script>` that found its way into the page any other way is not hashed and the
 * browser refuses to run it. That keeps the policy a defence against injected markup, which hashing
 * every inline script of the output would not be.
 *
 * Hashes follow CSP Level 3 (https://w3c.github.io/webappsec-csp/#match-element-to-source-list):
 * SHA-256 of the UTF-8 text of the element, base64, as `'sha256-…'`.
 */
import { createHash } from "node:crypto";

/** The shapes Next 16 (App Router, Turbopack) writes: prefix, one JSON value, suffix. */
const NEXT_SCRIPT_SHAPES: readonly { prefix: string; suffixes: readonly string[] }[] = [
  { prefix: "self.__next_f.push(", suffixes: [")"] },
  { prefix: "(self.__next_f=self.__next_f||[]).push(", suffixes: [")"] },
  { prefix: '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(', suffixes: [");", ")"] },
];

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
/** Types a browser runs as script (an empty or missing type is JavaScript); others are data blocks. */
const SCRIPT_TYPES = new Set(["", "text/javascript", "application/javascript", "module"]);

function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+)))?`, "i").exec(attributes);
  if (!match) return null;
  return match[1] ?? match[2] ?? match[3] ?? "";
}

/** Whether `text` is one of {@link NEXT_SCRIPT_SHAPES} around a value that parses as JSON. */
export function isNextDataScript(text: string): boolean {
  for (const { prefix, suffixes } of NEXT_SCRIPT_SHAPES) {
    if (!text.startsWith(prefix)) continue;
    for (const suffix of suffixes) {
      if (!text.endsWith(suffix) || text.length < prefix.length + suffix.length) continue;
      try {
        JSON.parse(text.slice(prefix.length, text.length - suffix.length));
        return true;
      } catch {
        // not JSON with this suffix; try the next
      }
    }
  }
  return false;
}

export interface InlineScripts {
  /** `'sha256-…'` sources for the recognised scripts, without repeats, in page order */
  hashes: string[];
  /** the first 60 characters of each inline script that was not recognised (and will not run) */
  refused: string[];
}

/** Find and hash the inline scripts of `html` (a whole page, decoded as UTF-8). */
export function inlineScriptHashes(html: string): InlineScripts {
  const hashes = new Set<string>();
  const refused: string[] = [];
  for (const match of html.matchAll(SCRIPT)) {
    const attributes = match[1] ?? "";
    if (attribute(attributes, "src") !== null) continue;
    const type = (attribute(attributes, "type") ?? "").trim().toLowerCase();
    if (!SCRIPT_TYPES.has(type)) continue;
    // The HTML parser turns CR LF and lone CR into LF before the script's text is known.
    const text = (match[2] ?? "").replace(/\r\n?/g, "\n");
    if (text === "") continue;
    if (!isNextDataScript(text)) {
      refused.push(text.slice(0, 60));
      continue;
    }
    hashes.add(`'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
  }
  return { hashes: [...hashes], refused };
}
