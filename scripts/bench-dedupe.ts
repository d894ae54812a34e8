// The de-duplication engine on generated contact lists (the quality test's generator, with its
// duplicates, families and namesakes): engine time and the candidate pairs it scores, which should grow
// in step with the list, not with its square. Called from scripts/bench.ts.
import { findDuplicates } from '../src/core/dedupe/engine';
import { DEFAULT_DEDUPE_RULES } from '../src/core/dedupe/rules';
import { generateDedupeTruth } from '../test/support/dedupe-truth';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Prints a markdown table: contacts, engine seconds, candidate pairs compared, pairs found, and pairs
 *  compared per contact (flat when the work grows near-linearly). */
export function benchDedupe(sizes: number[]): void {
  const rows: string[] = [];
  for (const size of sizes) {
    const { people } = generateDedupeTruth({ size, seed: 7 });
    const start = process.hrtime.bigint();
    const result = findDuplicates(people, DEFAULT_DEDUPE_RULES, { defaultCountry: 'FR' });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rows.push(`| ${fmt(size)} | ${fmt(seconds, 2)} | ${fmt(result.compared)} | ${fmt(result.pairs.length)} | ${fmt(result.compared / size, 1)} |`);
  }
  console.log('\n### De-duplication (engine only, default rules)\n');
  console.log('| contacts | engine s | candidate pairs compared | pairs found | compared per contact |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
}
