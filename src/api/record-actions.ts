import { consentInPerson } from '../services/record/consent';
import { Contacts, Interactions, Memberships, MEMBERSHIP_STATUSES, LIFECYCLE_STAGES } from '../core/schema/tables';
import * as z from 'zod/mini';
import { recordSchema } from '../core/schema/zod';
import { defineAction } from './action';
import { linkedArchive } from '../services/nightly/archive';
import { recordGift } from '../services/gifts/record-gift';
import { createContact, deleteContact, updateContact } from '../services/record/contacts';
import { refreshSearchIndex, searchWithIndex } from '../services/search/search-index';
import { getContactCard, recordOptions } from '../services/record/contact-card';
import { logInteraction } from '../services/record/interactions';
import { addTag, removeTag } from '../services/record/tags';
import { addRelationship, endRelationship } from '../services/record/relationships';
import { addMembership, renewMembership, setMembershipStatus } from '../services/record/memberships';
import { completeFollowUp, followUps, snoozeFollowUp } from '../services/record/follow-ups';
import { activeContact, showContactInSheet } from '../services/record/sheet-selection';
import { refreshStatuses } from '../services/nightly/daily';

const contactFields = () => recordSchema(Contacts, { omit: ['id', 'created_at', 'updated_at', 'merged_into', 'deleted', 'lifecycle_stage'] });
const interactionFields = () => recordSchema(Interactions, { omit: ['id', 'created_at', 'updated_at', 'staff', 'follow_up_done', 'external_id'], require: ['contact_id', 'type'] });
const membershipFields = () => recordSchema(Memberships, { omit: ['id', 'created_at', 'updated_at', 'status', 'status_override'], require: ['contact_id'] });

const id = () => z.string().check(z.minLength(1), z.maxLength(80));
const isoDate = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const row = () => z.optional(z.int().check(z.minimum(2)));

/** The contact record: search, the card and everything done from it. */
export const RECORD_ACTIONS = {
  searchContacts: defineAction({
    access: 'viewer',
    mutates: false,
    input: () =>
      z.strictObject({
        text: z.optional(z.string().check(z.maxLength(200))),
        members: z.optional(z.enum(['all', 'members', 'non_members'])),
        stage: z.optional(z.union([z.literal(''), z.enum(LIFECYCLE_STAGES)])),
        tag: z.optional(z.string().check(z.maxLength(80))),
        offset: z.optional(z.int().check(z.minimum(0))),
        limit: z.optional(z.int().check(z.minimum(1), z.maximum(200))),
      }),
    run: ({ workbook, runtime }, input) => searchWithIndex(workbook, runtime.properties, input),
  }),

  getContactCard: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.strictObject({ id: id() }),
    // `archive`: an archive spreadsheet is linked, which may hold this contact's older interactions.
    run: ({ workbook, runtime }, input) => ({ ...getContactCard(workbook, input.id), archive: linkedArchive(runtime.properties) !== null }),
  }),

  recordOptions: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook }) => recordOptions(workbook),
  }),

  createContact: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'contact.create',
    // `allow_duplicate`: the person was shown who already has that email or phone, and wants a second.
    // `newsletter_consent: 'in_person'`: they said yes to the newsletter face to face, to the caller.
    input: () => z.strictObject({ contact: contactFields(), allow_duplicate: z.optional(z.boolean()), newsletter_consent: z.optional(z.literal('in_person')) }),
    run: ({ workbook, caller }, { contact, allow_duplicate, newsletter_consent }) =>
      createContact(workbook, newsletter_consent ? { ...contact, ...consentInPerson(workbook, caller!.email) } : contact, allow_duplicate === true),
  }),

  updateContact: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'contact.update',
    input: () => z.strictObject({ id: id(), patch: contactFields() }),
    run: ({ workbook }, input) => updateContact(workbook, input.id, input.patch),
  }),

  deleteContact: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'contact.delete',
    input: () => z.strictObject({ id: id() }),
    run: ({ workbook }, input) => deleteContact(workbook, input.id),
  }),

  logInteraction: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'interaction.log',
    input: () => z.strictObject({ interaction: interactionFields(), row_hint: row() }),
    run: ({ workbook, caller }, input) => logInteraction(workbook, input.interaction, caller!.email, input.row_hint),
  }),

  addTag: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'tag.add',
    input: () => z.strictObject({ contact_id: id(), tag_id: z.optional(id()), name: z.optional(z.string().check(z.maxLength(100))), colour: z.optional(z.string().check(z.maxLength(20))) }),
    run: ({ workbook, caller }, input) => addTag(workbook, input, caller!.email),
  }),

  removeTag: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'tag.remove',
    input: () => z.strictObject({ contact_id: id(), tag_id: id() }),
    run: ({ workbook }, input) => removeTag(workbook, input.contact_id, input.tag_id),
  }),

  addRelationship: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'relationship.add',
    input: () =>
      z.strictObject({
        contact_id: id(),
        other_id: id(),
        type_id: id(),
        side: z.enum(['a', 'b']),
        start_date: z.optional(z.union([z.literal(''), isoDate()])),
        note: z.optional(z.string().check(z.maxLength(1000))),
      }),
    run: ({ workbook }, input) => addRelationship(workbook, input),
  }),

  endRelationship: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'relationship.end',
    input: () => z.strictObject({ id: id(), contact_id: id(), end_date: z.optional(z.union([z.literal(''), isoDate()])) }),
    run: ({ workbook }, input) => endRelationship(workbook, input.id, input.contact_id, input.end_date),
  }),

  addMembership: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'membership.add',
    input: () => z.strictObject({ membership: membershipFields() }),
    run: ({ workbook }, input) => addMembership(workbook, input.membership),
  }),

  renewMembership: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'membership.renew',
    // `payment`: what was paid for the new term, recorded on it in the same step (amount, currency).
    // `from_end_date`: the end date the person saw; renewed already since (a double click, two people
    // at once), it is not renewed twice.
    input: () =>
      z.strictObject({
        id: id(),
        from_end_date: z.optional(z.string().check(z.maxLength(10))),
        payment: z.optional(z.strictObject({ amount: z.number(), currency: z.optional(z.string().check(z.maxLength(3))) })),
      }),
    run: ({ workbook }, input) => renewMembership(workbook, input.id, input.payment, input.from_end_date),
  }),

  /** A gift recorded from the card (the card's totals follow when it is read again). */
  recordGift: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'donation.record',
    input: () =>
      z.strictObject({
        contact_id: id(),
        amount: z.number(),
        currency: z.optional(z.string().check(z.maxLength(3))),
        date: z.optional(z.string().check(z.maxLength(10))),
        fund: z.optional(z.string().check(z.maxLength(200))),
        campaign: z.optional(z.string().check(z.maxLength(200))),
        method: z.optional(z.string().check(z.maxLength(100))),
        recurring: z.optional(z.boolean()),
        note: z.optional(z.string().check(z.maxLength(10000))),
      }),
    run: ({ workbook }, input) => recordGift(workbook, input),
  }),

  setMembershipStatus: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'membership.status',
    input: () => z.strictObject({ id: id(), status_override: z.union([z.literal(''), z.enum(MEMBERSHIP_STATUSES)]) }),
    run: ({ workbook }, input) => setMembershipStatus(workbook, input.id, input.status_override),
  }),

  followUps: defineAction({
    access: 'viewer',
    mutates: false,
    input: () =>
      z.optional(z.strictObject({ scope: z.optional(z.enum(['mine', 'all'])), offset: z.optional(z.int().check(z.minimum(0))), limit: z.optional(z.int().check(z.minimum(1), z.maximum(500))) })),
    run: ({ workbook, caller }, input) => followUps(workbook, caller!.email, input?.scope ?? 'mine', input?.offset ?? 0, input?.limit ?? 50),
  }),

  completeFollowUp: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'followup.done',
    input: () => z.strictObject({ contact_id: id(), interaction_id: z.optional(z.string().check(z.maxLength(80))) }),
    run: ({ workbook }, input) => completeFollowUp(workbook, input.contact_id, input.interaction_id || undefined),
  }),

  snoozeFollowUp: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'followup.snooze',
    input: () => z.strictObject({ contact_id: id(), interaction_id: z.optional(z.string().check(z.maxLength(80))), until: isoDate() }),
    run: ({ workbook }, input) => snoozeFollowUp(workbook, input.contact_id, input.until, input.interaction_id || undefined),
  }),

  activeContact: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook, runtime }) => activeContact(workbook, runtime.selection),
  }),

  showContactInSheet: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.strictObject({ id: id(), row_hint: row() }),
    run: ({ workbook, runtime }, input) => showContactInSheet(workbook, runtime.selection, input.id, input.row_hint),
  }),

  /** The nightly job, which an admin may also run by hand (menu). */
  refreshStatuses: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'statuses.refresh',
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook }) => refreshStatuses(workbook),
  }),

  /** The search index rebuilt: by the nightly job, and by the sidebar after a search found it stale.
   *  Viewers may ask too: it writes derived data only (like the cache), never a record, so it is not
   *  audited. It holds the document lock only for an instant (see refreshSearchIndex). */
  refreshSearchIndex: defineAction({
    access: 'viewer',
    mutates: true,
    locksItself: true,
    input: () => z.optional(z.strictObject({ force: z.optional(z.boolean()) })),
    run: ({ workbook, runtime, language }, input) => refreshSearchIndex(workbook, runtime, language, input?.force ?? false),
  }),
};
