/**
 * What the hash-based Content-Security-Policy costs per public page (docs/decisions/007): fetches
 * each page from a running server and times `policyForHtml` (decompress, find and check the inline
 * scripts, SHA-256) on its bytes, plain and gzip-compressed, as the server does on a cache miss.
 * Usage: `npx tsx scripts/measure-csp-hashing.ts [base URL, default http://127.0.0.1:3000]`.
 */
import zlib from "node:zlib";

import { policyForHtml } from "../lib/hashed-csp";

const PAGES = [
  "/",
  "/commitments",
  "/agreements/kr-my-strategic-partnership-2024",
  "/commitments/1",
  "/deadlines",
  "/compare",
];

async function main() {
  const base = process.argv[2] ?? "http://127.0.0.1:3000";
  console.log("| page | HTML KiB | inline scripts hashed | plain, ms | gzip, ms |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const path of PAGES) {
    const response = await fetch(base + path, { headers: { "accept-encoding": "identity" } });
    const html = Buffer.from(await response.arrayBuffer());
    const gzip = zlib.gzipSync(html);
    const times = [html, gzip].map((body, i) => {
      const encoding = i === 0 ? "" : "gzip";
      for (let n = 0; n < 50; n++) policyForHtml(body, encoding);
      const runs = 500;
      const start = performance.now();
      for (let n = 0; n < runs; n++) policyForHtml(body, encoding);
      return (performance.now() - start) / runs;
    });
    const hashes = (policyForHtml(html, "").match(/'sha256-/g) ?? []).length;
    console.log(
      `| ${path} | ${(html.length / 1024).toFixed(0)} | ${hashes} | ${times[0]!.toFixed(2)} | ${times[1]!.toFixed(2)} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
