import type { InputOf } from '../server';
/** The import wizard's choices and what they send: pure, so that a test can check them without a page.
 *  Targets come from core/import/headers.ts itself, not the import index, so that papaparse stays out
 *  of the sidebar's bundle. */
import { TARGETS } from '../../src/core/import/headers';
import type { ColumnMapping } from '../../src/core/import/headers';
import { ENCODINGS } from '../../src/core/import/encoding';
import { IMPORT_MODES } from '../../src/core/schema/tables';
import type { ImportReport } from '../../src/services/imports/imports';
import type { PickedFile } from '../files';

export type ImportMode = (typeof IMPORT_MODES)[number];
export type DateOrderChoice = '' | 'dmy' | 'mdy' | 'ymd';

export { ENCODINGS, IMPORT_MODES };
/** The separators importFile accepts, most common first. */
export const DELIMITER_CHOICES = [',', ';', '\t', '|'] as const;
export const DATE_ORDERS: DateOrderChoice[] = ['', 'dmy', 'mdy', 'ymd'];

/** What the person chose. '' = let the server detect it. */
export interface ImportChoices {
  encoding: string;
  delimiter: string;
  dateOrder: DateOrderChoice;
  mode: ImportMode;
  /** The target the person picked for a column, by header (headers are unique: the parser names
   *  duplicates 'Email (2)'). */
  edits: Record<string, string>;
}

export function defaultChoices(): ImportChoices {
  return { encoding: '', delimiter: '', dateOrder: '', mode: 'skip', edits: {} };
}

/** What importFile gets: the file itself, or the upload it was sent in (a big file: see uploadParts). */
export type ImportInput = InputOf<'importFile'>;
type Delimiter = ImportInput['delimiter'];

/** The mapping the server found (or was sent last), with the person's choices; a column the person set
 *  counts as confirmed ('exact'). */
export function mappingToSend(base: readonly ColumnMapping[], edits: Readonly<Record<string, string>>): ColumnMapping[] {
  return base.map((m) => {
    const target = Object.prototype.hasOwnProperty.call(edits, m.header) ? edits[m.header] : undefined;
    return target !== undefined && target !== m.target ? { header: m.header, target, confidence: 'exact' } : { header: m.header, target: m.target, confidence: m.confidence };
  });
}

/** A file the server has in parts already is named by its upload; a small one goes whole. */
function fileOf(file: PickedFile & { upload?: string }): Pick<ImportInput, 'content_base64' | 'upload'> {
  return file.upload ? { upload: file.upload } : { content_base64: file.base64 };
}

/** The parts a big file goes up in (one call each), or none for a file small enough for one call. */
export function uploadParts(base64: string, partChars: number): string[] {
  if (base64.length <= partChars) return [];
  const parts: string[] = [];
  for (let at = 0; at < base64.length; at += partChars) parts.push(base64.slice(at, at + partChars));
  return parts;
}

/** True when the person changed where a column goes since `base` was previewed. */
export function mappingChanged(base: readonly ColumnMapping[], edits: Readonly<Record<string, string>>): boolean {
  return base.some((m) => Object.prototype.hasOwnProperty.call(edits, m.header) && edits[m.header] !== m.target);
}

/** A preview (dry run) with the person's choices. Once the person has edited the mapping, the last
 *  preview's mapping with the edits is sent; until then the server maps the columns itself (or reuses
 *  the mapping confirmed for a file with the same headers). */
export function previewInput(file: PickedFile, choices: ImportChoices, previous: Pick<ImportReport, 'mapping'> | null): ImportInput {
  const input: ImportInput = { file_name: file.name, ...fileOf(file), mode: choices.mode, dry_run: true };
  if (choices.encoding) input.encoding = choices.encoding;
  if (choices.delimiter) input.delimiter = choices.delimiter as Delimiter;
  if (choices.dateOrder) input.date_order = choices.dateOrder;
  if (previous && Object.keys(choices.edits).length > 0) input.mapping = mappingToSend(previous.mapping, choices.edits);
  return input;
}

/** The real import: exactly what the preview read (its encoding, separator and the mapping as edited),
 *  so that what is written is what was shown. The mapping is always sent: the server remembers it for
 *  the next file with the same headers. */
export function runInput(file: PickedFile, choices: ImportChoices, preview: Pick<ImportReport, 'mapping' | 'encoding' | 'delimiter'>): ImportInput {
  const input: ImportInput = {
    file_name: file.name,
    ...fileOf(file),
    encoding: preview.encoding,
    mapping: mappingToSend(preview.mapping, choices.edits),
    mode: choices.mode,
    dry_run: false,
  };
  // An .xlsx file has no delimiter (the server reads its first sheet).
  if (preview.delimiter) input.delimiter = preview.delimiter as Delimiter;
  if (choices.dateOrder) input.date_order = choices.dateOrder;
  return input;
}

type Counts = Pick<ImportReport, 'rows' | 'created' | 'updated' | 'skipped' | 'duplicates_in_file'>;

/** Rows left out because something in them is wrong: every other row is new, matched (updated or
 *  skipped) or a repeat inside the file. */
export function invalidRows(report: Counts): number {
  return Math.max(0, report.rows - report.created - report.updated - report.skipped - report.duplicates_in_file);
}

/** Rows that write a contact: new ones and matched ones that get updated or filled. */
export function rowsToImport(report: Counts): number {
  return report.created + report.updated;
}

export type TargetGroup = 'contact' | 'membership' | 'donation' | 'other';

/** The targets, once each, in groups for the mapping's choice list. */
export function targetGroups(): { group: TargetGroup; targets: string[] }[] {
  const groups: Record<TargetGroup, string[]> = { contact: [], membership: [], donation: [], other: [] };
  for (const target of new Set(TARGETS)) {
    if (target.startsWith('membership.')) groups.membership.push(target);
    else if (target.startsWith('donation.')) groups.donation.push(target);
    else if (target === 'interaction.note' || target === 'custom' || target === 'ignore') groups.other.push(target);
    else groups.contact.push(target);
  }
  return (Object.keys(groups) as TargetGroup[]).map((group) => ({ group, targets: groups[group] }));
}

/** '\t' → 'tab', for the words of a separator. */
export function delimiterName(delimiter: string): 'comma' | 'semicolon' | 'tab' | 'pipe' | 'other' {
  return delimiter === ',' ? 'comma' : delimiter === ';' ? 'semicolon' : delimiter === '\t' ? 'tab' : delimiter === '|' ? 'pipe' : 'other';
}
