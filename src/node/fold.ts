import { applyOp } from '../memory/grid-ops';
import { Journal } from './journal';
import { XlsxWorkbook, type XlsxOptions } from './xlsx-workbook';

/** The workbook at `path` with the journal's entries after its own applied (up to `upTo`, all when
 *  not given): what the CRM is, whatever crashed when. */
export async function openJournalled(path: string, options: XlsxOptions = {}, upTo = Infinity): Promise<{ workbook: XlsxWorkbook; seq: number }> {
  const workbook = await XlsxWorkbook.open(path, options);
  let seq = workbook.journalSeq;
  for (const entry of new Journal(`${path}.journal`).read()) {
    if (entry.seq <= seq || entry.seq > upTo) continue;
    for (const op of entry.ops) applyOp(workbook, op);
    seq = entry.seq;
  }
  return { workbook, seq };
}

/** Writes the workbook with the journal folded in up to `upTo` (atomically, recording `upTo` in the
 *  file), in a process or thread of its own. The caller compacts the journal afterwards. */
export async function foldJournal(path: string, upTo: number, options: XlsxOptions = {}): Promise<void> {
  const { workbook, seq } = await openJournalled(path, { ...options, saveSnapshots: false }, upTo);
  if (seq === workbook.journalSeq) return; // nothing new to fold
  await workbook.save(seq);
}
