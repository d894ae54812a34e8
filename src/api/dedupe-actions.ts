import * as z from 'zod/mini';
import { defineAction } from './action';
import { findContactDuplicates, markNotDuplicate } from '../services/dedupe/duplicates';
import { mergeContacts, undoMerge, MergeReport } from '../services/dedupe/merge';

const id = () => z.string().check(z.minLength(1), z.maxLength(80));

/** Finding duplicates, saying two contacts are not the same, merging and unmerging. */
export const DEDUPE_ACTIONS = {
  findDuplicates: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({ threshold: z.optional(z.number().check(z.minimum(0), z.maximum(1))), ids: z.optional(z.array(id()).check(z.maxLength(1000))) })),
    run: ({ workbook, runtime }, input) => findContactDuplicates(workbook, input ?? {}, { threads: runtime.threads }),
  }),

  markNotDuplicate: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'duplicate.not',
    input: () => z.strictObject({ a: id(), b: id() }),
    run: ({ workbook, caller }, input) => markNotDuplicate(workbook, input.a, input.b, caller!.email),
  }),

  mergeContacts: defineAction({
    access: 'editor',
    mutates: true,
    // The merge id is in the audit action: undo finds what the merge changed by it.
    audit: (report: MergeReport) => `merge ${report.merge}`,
    input: () => z.strictObject({ keep: id(), others: z.array(id()).check(z.minLength(1), z.maxLength(50)), choices: z.optional(z.record(z.string().check(z.maxLength(80)), id())) }),
    run: ({ workbook, caller }, input) => mergeContacts(workbook, input, caller!.email),
  }),

  undoMerge: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'merge.undo',
    input: () => z.strictObject({ merge: id() }),
    run: ({ workbook }, input) => undoMerge(workbook, input.merge),
  }),
};
