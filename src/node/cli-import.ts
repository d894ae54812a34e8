import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CrmTarget, openCrm, targetFlag } from './open-crm';
import { flag, Args } from './args';
import type { ImportReport } from '../services/imports/imports';
import type { UndoReport } from '../services/imports/import-undo';
import type { PastImport } from '../services/imports/import-history';

const MODES = ['skip', 'update', 'fill', 'none'];

/** `crm import FILE --workbook PATH [--mode skip|update|fill|none] [--dry-run] [--json]
 *   [--encoding E] [--delimiter D]` and `crm import --undo BATCH --workbook PATH`: the same engine as the
 *  sidebar's import (the importFile and undoImport actions), on a workbook file. */
export async function importCommand(args: Args, target: CrmTarget): Promise<number> {
  const crm = await openCrm(args, target);
  const undo = args.flags.undo;
  if (undo) {
    const batch = undo === true ? args.positional[0] : undo;
    if (!batch) throw new Error('--undo needs the batch id (imp_…) that the import printed');
    const answer = await crm.call('undoImport', { batch });
    if (!answer.ok) throw new Error(answer.error.message);
    const report = answer.data as UndoReport;
    if (args.flags.json) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(`Import ${batch} undone: ${report.removed} contacts removed, ${report.restored} restored to their previous values.`);
      for (const k of report.kept) console.log(`  kept ${k.id}: changed since the import`);
    }
    return 0;
  }
  if (args.flags.history) {
    // The past imports, as the Import screen lists them.
    const answer = await crm.call('listImports', {});
    if (!answer.ok) throw new Error(answer.error.message);
    const { imports } = answer.data as { imports: PastImport[] };
    if (args.flags.json) console.log(JSON.stringify(answer.data, null, 2));
    else
      for (const i of imports)
        console.log(
          [
            i.batch,
            i.started_at,
            i.file,
            i.who,
            i.status,
            `${i.created} created, ${i.updated} updated, ${i.skipped} skipped, ${i.errors} refused, ${i.warnings} kept as typed`,
            i.can_undo ? 'undo: crm import --undo ' + i.batch : '',
          ]
            .join('\t')
            .trimEnd(),
        );
    return 0;
  }
  const file = args.positional[0];
  if (!file) throw new Error('crm import needs the FILE to import (CSV, TSV or .xlsx)');
  if (!existsSync(file)) throw new Error(`There is no file ${file}`);
  const mode = flag(args, 'mode', 'skip')!;
  if (!MODES.includes(mode)) throw new Error(`--mode must be one of ${MODES.join(', ')}, got "${mode}"`);
  const delimiter = flag(args, 'delimiter');
  const content = readFileSync(file);
  // The CLI has no time limit to stay within: the whole file in one go (nor staged, nor planned again
  // for each chunk).
  crm.runtime.importChunkRows = Infinity;
  const answer = await crm.call('importFile', {
    file_name: basename(file),
    content_base64: content.toString('base64'),
    encoding: flag(args, 'encoding'),
    delimiter: delimiter === 'tab' || delimiter === '\\t' ? '\t' : delimiter,
    mode,
    dry_run: args.flags['dry-run'] === true,
  });
  if (!answer.ok) throw new Error(answer.error.message);
  let r = answer.data as ImportReport;
  // A big file goes in by chunks, as the sidebar does it.
  while (r.status === 'running' && !r.dry_run) {
    if (!args.flags.json) process.stderr.write(`  ${r.done_rows} of ${r.total_rows} rows in…\n`);
    const next = await crm.call('continueImport', { batch: r.batch });
    if (!next.ok) throw new Error(next.error.message);
    const more = next.data as ImportReport;
    r = { ...r, ...more, mapping: r.mapping, errors: [...r.errors, ...more.errors], warnings: r.warnings, duplicates_warning: r.duplicates_warning, duplicates_by: r.duplicates_by };
  }
  const summary = {
    batch: r.batch,
    rows: r.rows,
    created: r.created,
    updated: r.updated,
    skipped: r.skipped,
    duplicates_in_file: r.duplicates_in_file,
    duplicates_warning: r.duplicates_warning,
    errors: r.errors,
    warnings: r.warnings,
  };
  if (args.flags.json) {
    console.log(JSON.stringify({ ...summary, dry_run: r.dry_run, encoding: r.encoding, delimiter: r.delimiter, mapping: r.mapping }, null, 2));
    return 0;
  }
  const verb = r.dry_run ? 'would be' : 'were';
  console.log(`${basename(file)} (${r.encoding}, delimiter ${JSON.stringify(r.delimiter)}): ${r.rows} rows.`);
  console.log(
    `  ${r.created} contacts ${verb} created, ${r.updated} updated, ${r.skipped} skipped; ${r.duplicates_in_file} duplicates inside the file; ${r.errors.length} rows with errors; ${r.warnings.length} cells kept as typed.`,
  );
  if (r.duplicates_warning) console.log(`  WARNING: ${r.duplicates_warning}`);
  for (const e of [...r.errors, ...r.warnings].slice(0, 50)) console.log(`  line ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
  if (r.errors.length + r.warnings.length > 50) console.log(`  … and ${r.errors.length + r.warnings.length - 50} more (use --json for all).`);
  if (r.batch) console.log(`Batch ${r.batch}. Undo with: crm import --undo ${r.batch} ${targetFlag(target)}`);
  return 0;
}
