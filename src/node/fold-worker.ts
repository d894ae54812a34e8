import { parentPort, workerData } from 'node:worker_threads';
import { foldJournal } from './fold';

/** A worker thread that folds the journal into the workbook, so that the server's own thread keeps
 *  answering while the whole .xlsx is written (see LocalCrm.fold). */
const { path, upTo } = workerData as { path: string; upTo: number };
foldJournal(path, upTo).then(
  () => parentPort!.postMessage({ ok: true }),
  (error: Error) => parentPort!.postMessage({ ok: false, message: error.message }),
);
