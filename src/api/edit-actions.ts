import * as z from 'zod/mini';
import { defineAction } from './action';
import { editInteraction, deleteInteraction } from '../services/record/edit-interaction';
import { editMembership, deleteMembership } from '../services/record/edit-membership';
import { deletedContacts, restoreContact } from '../services/record/contact-bin';
import { editGift, deleteGift } from '../services/gifts/edit-gift';
import { undoChange } from '../services/undo/undo-change';
import { DIRECTIONS, INTERACTION_TYPES } from '../core/schema/tables';

const id = () => z.string().check(z.minLength(1), z.maxLength(80));
const text = (max: number) => z.optional(z.string().check(z.maxLength(max)));
const date = () => text(10);

/** Corrections from the card (interactions, gifts, memberships changed or deleted), the bin of deleted
 *  contacts, and Undo. Every change here answers an `undo` token (see src/services/undo). */
export const EDIT_ACTIONS = {
  editInteraction: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'interaction.edit',
    input: () =>
      z.strictObject({
        id: id(),
        patch: z.strictObject({
          type: z.optional(z.enum(INTERACTION_TYPES)),
          when: text(30),
          direction: z.optional(z.union([z.literal(''), z.enum(DIRECTIONS)])),
          subject: text(500),
          details: text(40000),
          outcome: text(500),
          follow_up_date: date(),
          follow_up_done: z.optional(z.boolean()),
        }),
      }),
    run: ({ workbook }, input) => editInteraction(workbook, input.id, input.patch),
  }),

  deleteInteraction: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'interaction.delete',
    input: () => z.strictObject({ id: id() }),
    run: ({ workbook }, input) => deleteInteraction(workbook, input.id),
  }),

  editGift: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'donation.edit',
    input: () =>
      z.strictObject({
        id: id(),
        patch: z.strictObject({
          amount: z.optional(z.number()),
          currency: text(3),
          date: date(),
          fund: text(200),
          campaign: text(200),
          method: text(100),
          recurring: z.optional(z.boolean()),
          note: text(10000),
        }),
      }),
    run: ({ workbook }, input) => editGift(workbook, input.id, input.patch),
  }),

  deleteGift: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'donation.delete',
    input: () => z.strictObject({ id: id() }),
    run: ({ workbook }, input) => deleteGift(workbook, input.id),
  }),

  editMembership: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'membership.edit',
    input: () =>
      z.strictObject({
        id: id(),
        patch: z.strictObject({
          level: text(200),
          join_date: date(),
          start_date: date(),
          end_date: date(),
          amount: z.optional(z.union([z.literal(''), z.number()])),
          currency: text(3),
          frequency: text(40),
          paid: z.optional(z.boolean()),
          auto_renew: z.optional(z.boolean()),
          payment_method: text(100),
        }),
      }),
    run: ({ workbook }, input) => editMembership(workbook, input.id, input.patch),
  }),

  deleteMembership: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'membership.delete',
    input: () => z.strictObject({ id: id() }),
    run: ({ workbook }, input) => deleteMembership(workbook, input.id),
  }),

  /** The bin: deleted contacts, for an admin to restore. */
  deletedContacts: defineAction({
    access: 'admin',
    mutates: false,
    input: () => z.optional(z.strictObject({ offset: z.optional(z.int().check(z.minimum(0))), limit: z.optional(z.int().check(z.minimum(1), z.maximum(200))) })),
    run: ({ workbook }, input) => deletedContacts(workbook, input?.offset, input?.limit),
  }),

  restoreContact: defineAction({
    access: 'admin',
    mutates: true,
    undoable: true,
    audit: 'contact.restore',
    input: () => z.strictObject({ id: id() }),
    run: ({ workbook }, input) => restoreContact(workbook, input.id),
  }),

  /** Puts back what an undoable action changed (its answer's `undo`), while nobody changed it since. */
  undoChange: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'undo',
    input: () => z.strictObject({ change: z.string().check(z.minLength(1), z.maxLength(400)) }),
    run: ({ workbook, caller }, input) => undoChange(workbook, caller!, input.change),
  }),
};
