import { Contacts, Staff } from '../core/schema/tables';
import * as z from 'zod/mini';
import { recordSchema } from '../core/schema/zod';
import { languageOf } from '../core/i18n';
import { defineAction, Action } from './action';
import { isSetUp, setUp } from '../services/setup';
import { createContact, getContact, listContacts, updateContact } from '../services/contacts';
import { hasActiveAdmin, identifyCaller, requireRole } from '../services/access';
import { UserError } from '../store/errors';

const contactFields = recordSchema(Contacts, { partial: true, omit: ['id', 'created_at', 'updated_at', 'merged_into', 'deleted'] });

/** Every action a UI can call, by the name the UI calls it. Each one is also a top-level function of
 *  the Apps Script bundle (src/gas/api.ts) and a POST /api/<name> route of the local server. */
export const ACTIONS = {
  /** What the sidebar needs first: who am I, may I, is the CRM set up, which language. */
  bootstrap: defineAction({
    access: 'anyone',
    mutates: false,
    input: z.optional(z.strictObject({})),
    run: ({ workbook, caller, runtime, language }) => ({
      email: runtime.identity.email(),
      role: caller?.role ?? '',
      setUp: isSetUp(workbook),
      language: languageOf(language),
    }),
  }),

  setUp: defineAction({
    access: 'anyone',
    mutates: true,
    audit: 'setup',
    input: z.optional(z.strictObject({})),
    run: ({ workbook, runtime }) => {
      const email = runtime.identity.email();
      if (!email) throw new UserError('no_identity', 'error.no_identity');
      // Once there is an active admin, only an admin may run Set up (it migrates the tables); before
      // that, the first person to run it becomes admin.
      if (workbook.sheetNames().has(Staff.name) && hasActiveAdmin(workbook)) requireRole(identifyCaller(workbook, email), 'admin');
      return setUp(workbook, email);
    },
  }),

  listContacts: defineAction({
    access: 'viewer',
    mutates: false,
    input: z.strictObject({
      text: z.optional(z.string().check(z.maxLength(200))),
      members: z.optional(z.enum(['all', 'members', 'non_members'])),
      offset: z.optional(z.int().check(z.minimum(0))),
      limit: z.optional(z.int().check(z.minimum(1), z.maximum(200))),
    }),
    run: ({ workbook }, input) => listContacts(workbook, input),
  }),

  getContact: defineAction({
    access: 'viewer',
    mutates: false,
    input: z.strictObject({ id: z.string().check(z.minLength(1)) }),
    run: ({ workbook }, { id }) => getContact(workbook, id),
  }),

  createContact: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'contact.create',
    input: z.strictObject({ contact: contactFields }),
    run: ({ workbook }, { contact }) => createContact(workbook, contact),
  }),

  updateContact: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'contact.update',
    input: z.strictObject({ id: z.string().check(z.minLength(1)), patch: contactFields }),
    run: ({ workbook }, { id, patch }) => updateContact(workbook, id, patch),
  }),
} satisfies Record<string, Action<any, any>>;

export type ActionName = keyof typeof ACTIONS;
