import * as z from 'zod/mini';
import { defineAction } from './action';
import { queryContacts } from '../services/query';

/** The query language (segments, the dashboard and trigger points build on it). */
export const SEGMENT_ACTIONS = {
  queryContacts: defineAction({
    access: 'viewer',
    mutates: false,
    input: z.strictObject({
      query: z.string().check(z.minLength(1), z.maxLength(5000)),
      offset: z.optional(z.int().check(z.minimum(0))),
      limit: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
    }),
    run: ({ workbook }, input) => queryContacts(workbook, input.query, input.offset ?? 0, input.limit ?? 50),
  }),
};
