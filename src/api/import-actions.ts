import * as z from 'zod/mini';
import { IMPORT_MODES, LIFECYCLE_STAGES } from '../core/schema/tables';
import { fromBase64 } from '../core/base64';
import { ENCODINGS } from '../core/import';
import type { ColumnMapping } from '../core/import';
import { defineAction } from './action';
import { continueImport, runImport, runningImports, ImportReport, MappingMemory, IMPORT_COMMIT_LAST } from '../services/imports/imports';

/** The top-level function the hourly trigger calls for imports left running (src/gas/jobs.ts). */
export const IMPORT_JOB = 'continueImports';
import type { KeyValue } from '../ports';
import { undoImport } from '../services/imports/import-undo';
import { listImports } from '../services/imports/import-history';
import { exportRows } from '../services/imports/export';
import { UserError } from '../store/errors';
import { receiveUploadPart, uploadedFile } from '../services/imports/import-upload';
import { MAX_UPLOAD_CHARS, UPLOAD_PART_CHARS } from '../core/upload';

/** The largest file the API takes in one call (base64 text): 50,000 rows of a wide export fit. */
const MAX_BASE64 = MAX_UPLOAD_CHARS;

const mappingSchema = () =>
  z.array(z.strictObject({ header: z.string(), target: z.string().check(z.maxLength(80)), confidence: z.enum(['exact', 'guess', 'none']), suggestion: z.optional(z.string().check(z.maxLength(80))) }));

/** Mappings remembered at most: with a value of at most 8 KB each, 40 stay far below the 500 KB
 *  Google allows for all of a document's properties together (which other features need too). */
export const MAX_MAPPINGS = 40;
const INDEX_KEY = 'import.mappings';

/** Confirmed mappings in the document's properties (9 KB a value: a mapping of 100 columns fits), the
 *  most recently used kept when there are too many: an index property lists them, newest first. */
export function mappingMemory(properties: KeyValue): MappingMemory {
  const key = (signature: string) => `import.mapping.${signature}`;
  const index = (): string[] => {
    try {
      const list = JSON.parse(properties.get(INDEX_KEY) ?? '[]');
      return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    get(signature) {
      try {
        const text = properties.get(key(signature));
        return text ? (JSON.parse(text) as ColumnMapping[]) : null;
      } catch {
        return null;
      }
    },
    set(signature, mapping) {
      const text = JSON.stringify(mapping.map(({ header, target }) => ({ header, target, confidence: 'exact' })));
      if (text.length >= 8000) return;
      properties.set(key(signature), text);
      const kept = [signature, ...index().filter((s) => s !== signature)];
      for (const old of kept.slice(MAX_MAPPINGS)) properties.delete(key(old));
      properties.set(INDEX_KEY, JSON.stringify(kept.slice(0, MAX_MAPPINGS)));
    },
  };
}

/** Importing files, undoing imports, exporting. */
export const IMPORT_ACTIONS = {
  importFile: defineAction({
    access: 'editor',
    mutates: true,
    // The batch id is in the audit action: undo finds the import's changes by it.
    audit: (report: ImportReport) => (report.batch ? `import ${report.batch}` : 'import.preview'),
    commitLast: IMPORT_COMMIT_LAST,
    input: () =>
      z.strictObject({
        file_name: z.string().check(z.minLength(1), z.maxLength(250)),
        /** The file, whole; or `upload`: a file sent before in parts (uploadImportFile). */
        content_base64: z.optional(z.string().check(z.maxLength(MAX_BASE64))),
        upload: z.optional(z.string().check(z.minLength(1), z.maxLength(80))),
        encoding: z.optional(z.enum(ENCODINGS as unknown as [string, ...string[]])),
        delimiter: z.optional(z.enum([',', ';', '\t', '|'])),
        mapping: z.optional(mappingSchema()),
        date_order: z.optional(z.enum(['dmy', 'mdy', 'ymd'])),
        mode: z.enum(IMPORT_MODES),
        dry_run: z.optional(z.boolean()),
      }),
    run: ({ workbook, caller, language, runtime }, input) => {
      if ((input.content_base64 === undefined) === (input.upload === undefined)) throw new UserError('invalid', 'error.import_one_file', { file: input.file_name });
      const bytes = input.upload ? uploadedFile(workbook, input.upload, caller!.email) : fromBase64(input.content_base64!);
      if (!bytes) throw new UserError('invalid', 'error.import_not_base64', { file: input.file_name });
      const report = runImport(
        workbook,
        {
          fileName: input.file_name,
          upload: input.upload,
          bytes,
          encoding: input.encoding as never,
          delimiter: input.delimiter,
          mapping: input.mapping as ColumnMapping[] | undefined,
          dateOrder: input.date_order,
          mode: input.mode,
          dryRun: input.dry_run === true,
        },
        caller!.email,
        language,
        mappingMemory(runtime.properties),
        runtime.importChunkRows,
      );
      // A big import goes on by itself if the sidebar is closed.
      if (report.status === 'running') runtime.scheduler.ensureHourly(IMPORT_JOB);
      return report;
    },
  }),

  /** One part of a big file, in order (the sidebar sends parts of UPLOAD_PART_CHARS): staged once, then
   *  previewed and imported with `upload` instead of the file. */
  uploadImportFile: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'import.upload',
    input: () =>
      z.strictObject({
        upload: z.optional(z.string().check(z.minLength(1), z.maxLength(80))),
        file_name: z.string().check(z.minLength(1), z.maxLength(250)),
        part: z.number().check(z.int(), z.minimum(0)),
        parts: z.number().check(z.int(), z.minimum(1)),
        data_base64: z.string().check(z.maxLength(UPLOAD_PART_CHARS)),
      }),
    run: ({ workbook, caller }, input) => receiveUploadPart(workbook, caller!.email, input),
  }),

  /** The next chunk of a big import (the sidebar calls it until the import is done). */
  continueImport: defineAction({
    access: 'editor',
    mutates: true,
    audit: (report: ImportReport) => `import ${report.batch}`,
    commitLast: IMPORT_COMMIT_LAST,
    input: () => z.strictObject({ batch: z.string().check(z.minLength(1), z.maxLength(80)) }),
    run: ({ workbook, language, runtime }, input) => continueImport(workbook, input.batch, language, runtime.importChunkRows),
  }),

  /** What the hourly trigger does: a chunk of every import still running. */
  continueRunningImports: defineAction({
    access: 'editor',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook }) => ({ running: runningImports(workbook) }),
  }),

  /** A table as it is, or what a search finds: the rows, which the sidebar or the CLI turn into CSV
   *  (formula-escaped) or .xlsx. */
  exportRows: defineAction({
    access: 'viewer',
    mutates: false,
    input: () =>
      z.strictObject({
        table: z.optional(z.string().check(z.maxLength(80))),
        search: z.optional(z.string().check(z.maxLength(200))),
        members: z.optional(z.enum(['all', 'members', 'non_members'])),
        stage: z.optional(z.union([z.literal(''), z.enum(LIFECYCLE_STAGES)])),
        tag: z.optional(z.string().check(z.maxLength(80))),
        /** A segment's id (or name): its members. */
        segment: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
      }),
    run: ({ workbook }, input) => exportRows(workbook, input),
  }),

  /** Every past import with who, when, its counts and whether it can be undone (the Import screen). */
  listImports: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({ limit: z.optional(z.int().check(z.minimum(1), z.maximum(500))) })),
    run: ({ workbook }, input) => listImports(workbook, input?.limit ?? 50),
  }),

  undoImport: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'import.undo',
    input: () => z.strictObject({ batch: z.string().check(z.minLength(1), z.maxLength(80)) }),
    run: ({ workbook }, input) => undoImport(workbook, input.batch),
  }),
};
