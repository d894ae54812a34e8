import { CrmTarget, openCrm, targetFlag } from './open-crm';
import { flag, Args } from './args';
import type { DuplicateReport } from '../services/dedupe/duplicates';
import type { MergeReport, UnmergeReport } from '../services/dedupe/merge';

/** `crm dedupe --workbook PATH [--threshold X] [--json]`: likely duplicates among the contacts. */
export async function dedupeCommand(args: Args, target: CrmTarget): Promise<number> {
  const crm = await openCrm(args, target);
  const raw = flag(args, 'threshold');
  const threshold = raw === undefined ? undefined : Number(raw);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new Error(`--threshold must be a number from 0 to 1, got "${raw}"`);
  const answer = await crm.call('findDuplicates', threshold === undefined ? {} : { threshold });
  if (!answer.ok) throw new Error(answer.error.message);
  const r = answer.data as DuplicateReport;
  if (args.flags.json) {
    console.log(JSON.stringify({ pairs: r.pairs, clusters: r.clusters, total_pairs: r.total_pairs, threshold: r.threshold, compared: r.compared, rule_problems: r.rule_problems }, null, 2));
    return 0;
  }
  for (const p of r.rule_problems) console.error(`dedupe_rules: ${p} (the built-in rules were used)`);
  for (const p of r.pairs)
    console.log(
      `${p.a}\t${p.b}\t${p.score.toFixed(3)}\t${Object.entries(p.fields)
        .map(([k, v]) => `${k}=${v.toFixed(2)}`)
        .join(' ')}`,
    );
  console.error(`${r.pairs.length} likely duplicate pairs in ${r.clusters.length} groups (threshold ${r.threshold}; ${r.compared} pairs compared).`);
  if (r.total_pairs > r.pairs.length) console.error(`These are the ${r.pairs.length} most alike of ${r.total_pairs} likely pairs: merge them, then run crm dedupe again for the next.`);
  return 0;
}

/** `crm merge --workbook PATH --keep ID --into-it ID [ID ...]` and `crm merge --undo MERGE_ID`. */
export async function mergeCommand(args: Args, target: CrmTarget): Promise<number> {
  const crm = await openCrm(args, target);
  if (args.flags.undo) {
    const merge = args.flags.undo === true ? args.positional[0] : args.flags.undo;
    if (!merge) throw new Error('--undo needs the merge id (mrg_…) that the merge printed');
    const answer = await crm.call('undoMerge', { merge });
    if (!answer.ok) throw new Error(answer.error.message);
    const r = answer.data as UnmergeReport;
    if (args.flags.json) console.log(JSON.stringify(r, null, 2));
    else console.log(`Merge ${merge} undone: ${r.restored} records restored${r.kept.length ? `; ${r.kept.length} changed since, kept as they are: ${r.kept.join(', ')}` : ''}.`);
    return 0;
  }
  const keep = flag(args, 'keep');
  const first = flag(args, 'into-it');
  if (!keep || !first) throw new Error('crm merge needs --keep ID (the contact that stays) and --into-it ID [ID …] (the ones merged into it)');
  const answer = await crm.call('mergeContacts', { keep, others: [first, ...args.positional] });
  if (!answer.ok) throw new Error(answer.error.message);
  const r = answer.data as MergeReport;
  if (args.flags.json) console.log(JSON.stringify(r, null, 2));
  else {
    console.log(`Merged ${r.merged.join(', ')} into ${r.survivor} (merge ${r.merge}).`);
    console.log(
      `  moved: ${Object.entries(r.moved)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}; fields taken: ${r.fields.join(', ') || 'none'}.`,
    );
    console.log(`Undo with: crm merge --undo ${r.merge} ${targetFlag(target)}`);
  }
  return 0;
}
