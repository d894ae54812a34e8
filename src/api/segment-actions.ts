import * as z from 'zod/mini';
import { defineAction } from './action';
import { queryContacts } from '../services/query/query';
import { deleteSegment, getSegment, listSegments, queryOptions, refreshSegments, saveSegment } from '../services/segments/segments';
import { addSelectionToSegment, addToSegment, removeFromSegment } from '../services/segments/segment-members';
import { searchContacts } from '../services/search/search';
import { LIFECYCLE_STAGES } from '../core/schema/tables';
import { UserError } from '../store/errors';

/** A segment's id (or, for the CLI, its name). */
const segmentId = () => z.string().check(z.minLength(1), z.maxLength(200));
const contactIds = () => z.array(z.string().check(z.minLength(1), z.maxLength(80))).check(z.minLength(1), z.maxLength(5000));

/** The query language, and segments: saved queries (dynamic) and fixed lists (static). */
export const SEGMENT_ACTIONS = {
  queryContacts: defineAction({
    access: 'viewer',
    mutates: false,
    input: () =>
      z.strictObject({
        query: z.string().check(z.minLength(1), z.maxLength(5000)),
        offset: z.optional(z.int().check(z.minimum(0))),
        limit: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
      }),
    run: ({ workbook }, input) => queryContacts(workbook, input.query, input.offset ?? 0, input.limit ?? 50),
  }),

  listSegments: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook }) => listSegments(workbook),
  }),

  /** A segment with one page of its members (a dynamic one evaluated now). */
  getSegment: defineAction({
    access: 'viewer',
    mutates: false,
    input: () =>
      z.strictObject({
        id: segmentId(),
        offset: z.optional(z.int().check(z.minimum(0))),
        limit: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
      }),
    run: ({ workbook }, input) => getSegment(workbook, input.id, input.offset ?? 0, input.limit ?? 50),
  }),

  saveSegment: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'segment.save',
    input: () =>
      z.strictObject({
        id: z.optional(segmentId()),
        name: z.string().check(z.maxLength(100)),
        kind: z.enum(['static', 'dynamic']),
        query: z.optional(z.string().check(z.maxLength(5000))),
        description: z.optional(z.string().check(z.maxLength(1000))),
        view_columns: z.optional(z.union([z.string().check(z.maxLength(2000)), z.array(z.string().check(z.maxLength(200))).check(z.maxLength(100))])),
      }),
    run: ({ workbook, caller, language }, input) => saveSegment(workbook, input, caller!.email, language),
  }),

  deleteSegment: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'segment.delete',
    input: () => z.strictObject({ id: segmentId() }),
    run: ({ workbook, language }, input) => deleteSegment(workbook, input.id, language),
  }),

  /** One dynamic segment, or all of them (the nightly trigger): count, refresh time, view tab. */
  refreshSegments: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'segment.refresh',
    input: () => z.optional(z.strictObject({ id: z.optional(segmentId()) })),
    run: ({ workbook, language }, input) => refreshSegments(workbook, language, input?.id),
  }),

  addToSegment: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'segment.add',
    input: () => z.strictObject({ id: segmentId(), contacts: contactIds() }),
    run: ({ workbook, caller }, input) => addToSegment(workbook, input.id, input.contacts, caller!.email),
  }),

  removeFromSegment: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'segment.remove',
    input: () => z.strictObject({ id: segmentId(), contacts: contactIds() }),
    run: ({ workbook }, input) => removeFromSegment(workbook, input.id, input.contacts),
  }),

  /** Every contact a search and its filters find (not only the page on screen), to a static list. */
  addSearchToSegment: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'segment.add',
    input: () =>
      z.strictObject({
        id: segmentId(),
        text: z.optional(z.string().check(z.maxLength(200))),
        members: z.optional(z.enum(['all', 'members', 'non_members'])),
        stage: z.optional(z.union([z.literal(''), z.enum(LIFECYCLE_STAGES)])),
        tag: z.optional(z.string().check(z.maxLength(80))),
      }),
    run: ({ workbook, caller }, { id, ...search }) => {
      const hits = searchContacts(workbook, { ...search, limit: Number.MAX_SAFE_INTEGER }, Number.MAX_SAFE_INTEGER).items;
      if (!hits.length) throw new UserError('invalid', 'error.segment_search_empty');
      return addToSegment(
        workbook,
        id,
        hits.map((hit) => hit.id),
        caller!.email,
      );
    },
  }),

  /** The contacts of the rows the person highlighted in the Contacts sheet. */
  addSelectionToSegment: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'segment.add',
    input: () => z.strictObject({ id: segmentId() }),
    run: ({ workbook, caller, runtime }, input) => addSelectionToSegment(workbook, input.id, runtime.selection.selectedRows(), caller!.email),
  }),

  /** What the builder's dropdowns offer. */
  queryOptions: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook }) => queryOptions(workbook),
  }),
};
