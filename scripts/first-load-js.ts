/**
 * `npm run measure:js [baseUrl]`: first-load JavaScript of the public pages of a running server
 * (default http://localhost:3000). For each page it fetches the HTML, collects every
 * `<script src>` a modern browser loads (scripts marked `noModule`, the legacy polyfills, are left
 * out: modern browsers skip them) and prints the total bytes, raw and gzip-compressed (level 9).
 * Next 16's `next build` no longer prints these figures.
 */
import { gzipSync } from "node:zlib";

const base = (process.argv[2] ?? "http://localhost:3000").replace(/\/$/, "");

async function firstCommitmentPath(): Promise<string> {
  const html = await (await fetch(`${base}/agreements/kr-my-strategic-partnership-2024`)).text();
  return html.match(/href="(\/commitments\/\d+)"/)?.[1] ?? "/commitments/1";
}

async function measure(pathname: string) {
  const html = await (await fetch(base + pathname)).text();
  const tags = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? "");
  const srcs = [
    ...new Set(
      tags
        .filter((attrs) => !/\bnomodule\b/i.test(attrs))
        .map((attrs) => attrs.match(/src="([^"]+)"/)?.[1])
        .filter((src): src is string => Boolean(src)),
    ),
  ];
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  const inline = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (n, m) => n + (m[1]?.length ?? 0),
    0,
  );
  return { pathname, scripts: srcs.length, raw, gz, inline, html: html.length };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

async function main() {
  const pages = ["/", "/agreements/kr-my-strategic-partnership-2024", await firstCommitmentPath()];
  console.log("page | script files | first-load JS (raw) | gzip | inline flight data | HTML");
  for (const p of pages) {
    const r = await measure(p);
    console.log(`${r.pathname} | ${r.scripts} | ${kb(r.raw)} | ${kb(r.gz)} | ${kb(r.inline)} | ${kb(r.html)}`);
  }
}

main().catch((error) => {
  console.error(`Could not measure ${base}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
