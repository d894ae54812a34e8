import { applyOp } from '../memory/grid-ops';
import { Journal, type JournalEntry } from './journal';
import { XlsxWorkbook, type XlsxOptions } from './xlsx-workbook';

/** The workbook at `path` with the journal's entries after its own applied (up to `upTo`, all when
 *  not given): what the CRM is, whatever crashed when. Entries written on top of another file than
 *  this one (another program, Excel, saved the workbook since: rows may have moved) are not applied:
 *  they come back in `conflict`, for the caller to set aside and say so. */
export async function openJournalled(path: string, options: XlsxOptions = {}, upTo = Infinity): Promise<{ workbook: XlsxWorkbook; seq: number; conflict: JournalEntry[] }> {
  const workbook = await XlsxWorkbook.open(path, options);
  let seq = workbook.journalSeq;
  const ours = new Set([workbook.baseStamp, workbook.foldedFrom]);
  const pending = new Journal(`${path}.journal`).read().filter((e) => e.seq > seq && e.seq <= upTo);
  const clash = pending.findIndex((e) => e.base !== undefined && !ours.has(e.base));
  for (const entry of clash < 0 ? pending : pending.slice(0, clash)) {
    for (const op of entry.ops) applyOp(workbook, op);
    seq = entry.seq;
  }
  return { workbook, seq, conflict: clash < 0 ? [] : pending.slice(clash) };
}

/** Writes the workbook with the journal folded in up to `upTo` (atomically, recording `upTo` in the
 *  file), in a process or thread of its own. The caller compacts the journal afterwards. A journal that
 *  another program's save made unsafe to replay is left for the CRM to set aside. */
export async function foldJournal(path: string, upTo: number, options: XlsxOptions = {}): Promise<void> {
  const { workbook, seq, conflict } = await openJournalled(path, { ...options, saveSnapshots: false }, upTo);
  if (conflict.length) throw new Error(`${path} was saved by another program since the CRM's last ${conflict.length} change(s)`);
  if (seq === workbook.journalSeq) return; // nothing new to fold
  await workbook.save(seq);
}
