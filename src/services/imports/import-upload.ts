/** A big file goes up in parts of a few MB (one call each, so no call nears what Google or the local
 *  server accepts), staged once in ImportFiles under an Imports row of status `uploading`; the
 *  previews and the import then read it there instead of receiving it again. */
import { ImportFiles, Imports } from '../../core/schema/tables';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { stagedFile, stageText } from './import-file';
import { MAX_UPLOAD_CHARS, UPLOAD_PART_CHARS } from '../../core/upload';

/** Uploads left unfinished this long are removed when the same person starts another. */
const ABANDONED_MS = 24 * 60 * 60 * 1000;

interface UploadState {
  parts: number;
  received: number;
  cells: number;
  chars: number;
}

export interface UploadPart {
  /** The upload, from the answer to part 0 (absent for part 0). */
  upload?: string;
  file_name: string;
  part: number;
  parts: number;
  data_base64: string;
}

export interface UploadProgress {
  upload: string;
  received: number;
  parts: number;
  complete: boolean;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Takes one part, in order. A part sent again (its answer was lost) is taken once; a part out of order
 *  is refused, naming the one expected. */
export function receiveUploadPart(workbook: Workbook, who: string, input: UploadPart): UploadProgress {
  const imports = workbook.table(Imports);
  const maxParts = Math.ceil(MAX_UPLOAD_CHARS / UPLOAD_PART_CHARS);
  if (input.parts > maxParts || input.data_base64.length > UPLOAD_PART_CHARS) throw new UserError('invalid', 'error.upload_too_large', { file: input.file_name });
  if (input.part >= input.parts) throw new UserError('invalid', 'error.upload_part', { file: input.file_name, expected: input.parts - 1 });
  if (!BASE64.test(input.data_base64) || (input.part < input.parts - 1 && input.data_base64.length % 4 !== 0)) throw new UserError('invalid', 'error.import_not_base64', { file: input.file_name });
  let id = input.upload;
  let state: UploadState;
  if (!id) {
    if (input.part !== 0) throw new UserError('invalid', 'error.upload_part', { file: input.file_name, expected: 0 });
    forgetAbandoned(workbook, who);
    state = { parts: input.parts, received: 0, cells: 0, chars: 0 };
    [{ id }] = imports.insert([{ file_name: input.file_name, mode: 'skip', status: 'uploading', who, started_at: workbook.clock.now().toISOString(), upload: JSON.stringify(state) }]);
  } else {
    const batch = ownUpload(workbook, id, who);
    state = stateOf(batch.upload);
    if (batch.file_name !== input.file_name || state.parts !== input.parts) throw new UserError('invalid', 'error.upload_lost', { file: input.file_name });
    if (input.part < state.received) return { upload: id, received: state.received, parts: state.parts, complete: state.received === state.parts };
    if (input.part > state.received) throw new UserError('invalid', 'error.upload_part', { file: input.file_name, expected: state.received });
  }
  if (state.chars + input.data_base64.length > MAX_UPLOAD_CHARS) throw new UserError('invalid', 'error.upload_too_large', { file: input.file_name });
  const cells = stageText(workbook, id!, input.data_base64, state.cells);
  state = { ...state, received: state.received + 1, cells: state.cells + cells, chars: state.chars + input.data_base64.length };
  imports.update(id, { upload: JSON.stringify(state) });
  return { upload: id, received: state.received, parts: state.parts, complete: state.received === state.parts };
}

/** The whole file of a finished upload (for a preview or the import). */
export function uploadedFile(workbook: Workbook, id: string, who: string): Uint8Array {
  const batch = ownUpload(workbook, id, who);
  const state = stateOf(batch.upload);
  if (state.received !== state.parts) throw new UserError('invalid', 'error.upload_part', { file: batch.file_name, expected: state.received });
  const bytes = stagedFile(workbook, id);
  if (!bytes) throw new UserError('invalid', 'error.import_not_base64', { file: batch.file_name });
  return bytes;
}

function ownUpload(workbook: Workbook, id: string, who: string) {
  const batch = workbook.table(Imports).get(id);
  if (!batch || batch.status !== 'uploading') throw new UserError('invalid', 'error.upload_lost', { file: batch?.file_name ?? id });
  // Someone else's upload is not theirs to import (it could be a file they may not see).
  if (batch.who !== who) throw new UserError('forbidden', 'error.upload_not_yours', { file: batch.file_name });
  return batch;
}

function stateOf(text: string): UploadState {
  try {
    const state = JSON.parse(text) as UploadState;
    if ([state.parts, state.received, state.cells, state.chars].every((n) => Number.isInteger(n) && n >= 0)) return state;
  } catch {
    // Edited by hand: no upload to go on with.
  }
  throw new UserError('invalid', 'error.upload_lost', { file: '' });
}

/** This person's uploads left unfinished for a day: their rows and parts go. */
function forgetAbandoned(workbook: Workbook, who: string): void {
  const now = workbook.clock.now().getTime();
  const old = workbook
    .table(Imports)
    .where('status', 'uploading')
    .filter((b) => b.who === who && now - Date.parse(b.started_at) > ABANDONED_MS);
  if (!old.length) return;
  const files = workbook.table(ImportFiles);
  const ids = new Set(old.map((b) => b.id));
  files.remove(
    files
      .all()
      .filter((f) => ids.has(f.batch))
      .map((f) => f.id),
  );
  // Their rows stay, marked failed: the history keeps a trace of what was tried.
  for (const b of old) workbook.table(Imports).update(b.id, { status: 'failed', upload: '', finished_at: workbook.clock.now().toISOString() });
}
