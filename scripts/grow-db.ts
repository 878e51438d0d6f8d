/**
 * `npm run db:grow -- --commitments 50000 --out FILE [--seed 8]`: a new database at FILE with the
 * default dataset plus that many generated commitments (db/grow.ts: 25 per agreement, a fifth of
 * them milestones, 10 status updates each with its audit row, evidence on half the updates).
 * Deterministic for a seed. Refuses an existing FILE. Written without fsync (db/grow.ts
 * `bulkLoadSettings`): a crash while growing can leave FILE unusable. Prints the rows added, the file size,
 * the time taken and where it went (migrations, the generation, each table with its triggers, the
 * commit, the switch back to the WAL).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { prepareDatabase } from "../db/client";
import { bulkLoadSettings, endBulkLoad, growDatabase } from "../db/grow";

function main() {
  const { values } = parseArgs({
    options: {
      commitments: { type: "string", default: "50000" },
      out: { type: "string" },
      seed: { type: "string", default: "8" },
    },
  });
  const commitments = Number(values.commitments);
  const seed = Number(values.seed);
  if (!Number.isInteger(commitments) || commitments < 1) throw new Error("--commitments must be a whole number from 1");
  if (!Number.isInteger(seed)) throw new Error("--seed must be a whole number");
  if (!values.out) throw new Error("--out FILE is required (a new file)");
  const out = path.resolve(values.out);
  if (fs.existsSync(out)) throw new Error(`${out} exists already; the generator only makes new databases`);

  const started = performance.now();
  const db = prepareDatabase(out);
  const prepared = performance.now();
  try {
    bulkLoadSettings(db.$client);
    const result = growDatabase(db.$client, { commitments, seed });
    const grown = performance.now();
    endBulkLoad(db.$client);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const ended = performance.now();
    const mb = fs.statSync(out).size / 1024 / 1024;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`Grew ${out} in ${s(ended - started)} (seed ${seed}): ${mb.toFixed(1)} MiB`);
    console.log(
      `  added ${result.agreements} agreements, ${result.commitments} commitments (${result.milestones} milestones), ` +
        `${result.statusUpdates} status updates, ${result.evidence} evidence links, ${result.auditRows} audit rows`,
    );
    const phases = [
      { name: "migrate + default dataset", rows: 0, milliseconds: prepared - started },
      ...result.phases,
      { name: "back to WAL", rows: 0, milliseconds: ended - grown },
    ];
    console.log("  time by phase (a table's time includes its triggers):");
    for (const phase of phases) {
      const rows = phase.rows > 0 ? `${phase.rows.toLocaleString("en")} rows` : "";
      console.log(`    ${phase.name.padEnd(26)} ${rows.padStart(13)} ${s(phase.milliseconds).padStart(8)}`);
    }
  } finally {
    db.$client.close();
  }
}

try {
  main();
} catch (error) {
  console.error(`db:grow failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
