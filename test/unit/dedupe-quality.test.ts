import { findDuplicates, pairKey } from '../../src/core/dedupe/engine';
import { DEFAULT_DEDUPE_RULES } from '../../src/core/dedupe/rules';
import { generateDedupeTruth } from '../support/dedupe-truth';

/** Precision and recall of the default rules on a generated list with known truth: 3,000 contacts in
 *  English, French, Spanish and Portuguese, about 15% of them damaged copies of another, with families
 *  sharing an email or a phone, twins and namesakes among the rest. Merges are destructive, so precision
 *  comes first. The figures are printed for the README. */

const truth = generateDedupeTruth({ size: 3000, seed: 20240917 });
const result = findDuplicates(truth.people, DEFAULT_DEDUPE_RULES, { defaultCountry: 'FR' });
const proposed = result.pairs.map((p) => pairKey(p.a, p.b));
const right = proposed.filter((k) => truth.truePairs.has(k));
const precision = right.length / proposed.length;
const recall = right.length / truth.truePairs.size;
const kindOf = (id: string) => (truth.origin.get(id) ?? '').replace(/:.*/, '');

describe('de-duplication quality on generated contacts', () => {
  it('is a realistic test set', () => {
    const origins = [...truth.origin.values()].map((o) => o.replace(/:.*/, ''));
    const count = (kind: string) => origins.filter((o) => o === kind).length;
    expect(truth.people).toHaveLength(3000);
    expect(count('dup') / 3000).toBeCloseTo(0.15, 2);
    for (const hard of ['family-email', 'family-phone', 'twin', 'namesake']) expect(count(hard)).toBeGreaterThan(30);
    const mods = new Set([...truth.origin.values()].flatMap((o) => (o.startsWith('dup:') ? o.slice(4).split('+') : [])));
    for (const mod of ['typo-first', 'typo-last', 'swap', 'nickname', 'new-email', 'drop', 'accents', 'case', 'surname']) expect(mods).toContain(mod);
    // Seeded: the same list every run.
    expect(generateDedupeTruth({ size: 3000, seed: 20240917 }).people).toEqual(truth.people);
  });

  it('reaches precision ≥ 0.98 and recall ≥ 0.95 at the default threshold', () => {
    const wrong = proposed.filter((k) => !truth.truePairs.has(k));
    const hardWrong = wrong.filter((k) => k.split('|').some((id) => kindOf(id) !== 'base' && kindOf(id) !== 'dup')).length;
    console.log(
      `dedupe quality (3,000 generated contacts, ${truth.truePairs.size} true pairs, threshold ${DEFAULT_DEDUPE_RULES.threshold}): ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; ${proposed.length} pairs proposed, ${wrong.length} wrong ` +
        `(${hardWrong} involving a relative or namesake); ${result.compared} candidate pairs compared`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('almost never proposes a family member, a twin or a namesake', () => {
    const relatives = [...truth.origin.entries()].filter(([, o]) => ['family-email', 'family-phone', 'twin', 'namesake'].includes(o)).map(([id]) => id);
    const wronglyPaired = new Set(proposed.filter((k) => !truth.truePairs.has(k)).flatMap((k) => k.split('|')));
    expect(relatives.filter((id) => wronglyPaired.has(id)).length).toBeLessThanOrEqual(relatives.length * 0.01);
  });
});
