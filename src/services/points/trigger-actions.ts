import { Contacts, ContactTags, Donations, Interactions, MailingRecipients, Mailings, Tags, Templates, TRIGGER_ACTIONS, TriggerPoint } from '../../core/schema/tables';
import { UserError } from '../../store/errors';
import { skipReason } from '../mail/audience';
import type { Problem } from '../../core/schema/columns';
import { followUpDays, MAX_FOLLOW_UP_DAYS } from '../../core/trigger-points';
import { addDays, dateOf } from '../../core/dates';
import { fold } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { addTag } from '../record/tags';
import { logInteraction } from '../record/interactions';
import { requireLiveContact, updateContact } from '../record/contacts';
import { todayOf } from '../today';

/** What an action is given for one rule's run: the rule as read from its row, and who runs it. */
export interface ActionContext {
  workbook: Workbook;
  rule: TriggerPoint;
  /** The person running the trigger points (the nightly trigger's admin): recorded as who tagged. */
  by: string;
}

/** What a rule can do when a contact enters its segment, keyed by the name typed in the rule's action
 *  column. Each entry checks the rule's argument (so a hand-edited row is reported, not run) and
 *  prepares the rule's run once, returning what to do for each contact entering (it throws a
 *  UserError when it cannot, which becomes that contact's outcome in the log). The mailer adds its
 *  own entries here (send_email with a template as the argument), nothing else changes. */
export interface TriggerAction {
  checkArgument(argument: string): Problem | null;
  prepare(ctx: ActionContext): (contactId: string) => void;
  /** For contacts who stay in the segment: what to do each run (a thank-you for each new gift), or
   *  null when the rule does nothing for them. Answers how many things it did for the contact. */
  staying?(ctx: ActionContext): ((contactId: string) => number) | null;
}

/** The action a rule's action cell names (case and spaces around it aside), or null. */
export function triggerActionNamed(name: string): { name: (typeof TRIGGER_ACTIONS)[number]; action: TriggerAction } | null {
  const key = String(name ?? '')
    .trim()
    .toLowerCase();
  const found = TRIGGER_ACTIONS.find((a) => a === key);
  return found ? { name: found, action: TRIGGER_ACTION_TABLE[found] } : null;
}

const required =
  (key: string) =>
  (argument: string): Problem | null =>
    argument.trim() === '' ? { key } : null;

export const TRIGGER_ACTION_TABLE: Record<(typeof TRIGGER_ACTIONS)[number], TriggerAction> = {
  /** Tags the contact (the tag is created if missing, as the card does); tagged twice is tagged once. */
  add_tag: {
    checkArgument: required('points.tag_required'),
    prepare: ({ workbook, rule, by }) => {
      let tagId = '';
      let tagged = new Set<string>();
      return (contactId) => {
        if (!tagId) {
          // The first contact goes through the tags service, which finds or creates the tag; the others
          // are linked from one look at ContactTags instead of one look each.
          tagId = addTag(workbook, { contact_id: contactId, name: rule.argument }, by).id;
          tagged = contactsTagged(workbook, tagId);
          return;
        }
        if (tagged.has(contactId)) return;
        requireLiveContact(workbook, contactId);
        workbook.table(ContactTags).insert([{ contact_id: contactId, tag_id: tagId, added_at: workbook.clock.now().toISOString(), added_by: by }]);
        tagged.add(contactId);
      };
    },
  },

  /** Takes the tag off the contact; nothing happens when the contact (or the CRM) has no such tag. */
  remove_tag: {
    checkArgument: required('points.tag_required'),
    prepare: ({ workbook, rule }) => {
      const wanted = fold(rule.argument.trim().replace(/\s+/g, ' '));
      const tag = workbook
        .table(Tags)
        .all()
        .find((t) => fold(t.name.trim()) === wanted);
      const links = new Map<string, string[]>();
      if (tag) for (const ct of workbook.table(ContactTags).where('tag_id', tag.id)) links.set(ct.contact_id, [...(links.get(ct.contact_id) ?? []), ct.id]);
      return (contactId) => {
        const ids = links.get(contactId);
        if (!ids) return;
        workbook.table(ContactTags).remove(ids);
        links.delete(contactId);
      };
    },
  },

  /** The contact's next contact date becomes today + N days (unless an earlier one is already set:
   *  the sooner call wins), and its owner the rule's owner when the rule names one. The contact then
   *  shows in that person's "To recontact" list when the day comes. */
  follow_up: {
    checkArgument: (argument) => (followUpDays(argument) === null ? { key: 'points.bad_days', params: { value: argument.slice(0, 40), max: MAX_FOLLOW_UP_DAYS } } : null),
    prepare: ({ workbook, rule }) => {
      const due = addDays(todayOf(workbook), followUpDays(rule.argument) ?? 0);
      const owner = rule.owner.trim();
      return (contactId) => {
        const contact = requireLiveContact(workbook, contactId);
        const current = dateOf(contact.next_contact_date);
        const patch: { next_contact_date?: string; owner?: string } = {};
        if (!current || current > due) patch.next_contact_date = due;
        if (owner && owner.toLowerCase() !== contact.owner.trim().toLowerCase()) patch.owner = owner;
        if (patch.next_contact_date !== undefined || patch.owner !== undefined) updateContact(workbook, contactId, patch);
      };
    },
  },

  /** An internal note on the contact's timeline: the rule's name as subject, its argument as text,
   *  written for the rule's owner (or the contact's). */
  note: {
    checkArgument: required('points.note_required'),
    prepare: ({ workbook, rule }) => {
      // Read the Interactions sheet now (the segments' facts usually have already): notes are then
      // written with the rest at commit, instead of one sheet append per note.
      workbook.table(Interactions).count();
      return (contactId) => {
        const contact = workbook.table(Contacts).get(contactId);
        const staff = rule.owner.trim() || (contact?.owner ?? '').trim();
        logInteraction(workbook, { contact_id: contactId, type: 'note', direction: 'internal', subject: rule.name, details: rule.argument }, staff);
      };
    },
  },

  send_email: sendEmail(false),
  send_email_to_owner: sendEmail(true),
};

/** The automatic mailing of a rule ("Automatic: NAME"), made on its first use; its messages are sent
 *  by the mailings' run that follows the trigger points (the nightly's), within the day's quota. */
function ruleMailing(workbook: Workbook, rule: TriggerPoint, kind: 'members' | 'staff', by: string): string {
  const name = `${kind === 'staff' ? 'To owners' : 'Automatic'}: ${rule.name}`;
  const table = workbook.table(Mailings);
  const { template, receipt } = emailArgument(rule.argument);
  const open = table.all().find((m) => m.name === name && m.status === 'sending' && m.template === template && (m.receipt ?? '') === receipt);
  return (open ?? table.insert([{ name, template, receipt, kind, audience: `trigger point: ${rule.name}`, status: 'sending', created_by: by }])[0]).id;
}

/** send_email's argument: a template's name, and after a + the name of one sent along as a PDF
 *  (`Thank you + Receipt`). */
export function emailArgument(argument: string): { template: string; receipt: string } {
  const [template = '', receipt = ''] = argument.split('+').map((part) => part.trim());
  return { template, receipt };
}

/** An email from a template to the contact entering the segment (never to one who opted out,
 *  unsubscribed or bounced: queued as skipped with the reason), or, to_owner, to the staff member who
 *  owns the contact (the rule's owner when it names one), about them. A template that names a gift
 *  ({{gift.amount}}…) is sent once per gift instead: for each gift of the last day that the rule has
 *  not thanked yet, of a contact entering or staying in the segment (two gifts, two thank-yous, each
 *  with its own amount, on consecutive days too). */
function sendEmail(toOwner: boolean): TriggerAction {
  const plan = ({ workbook, rule, by }: ActionContext) => {
    const { template, receipt } = emailArgument(rule.argument);
    const templates = workbook.table(Templates).all();
    const named = (name: string) => templates.filter((t) => t.name.trim().toLowerCase() === name.toLowerCase());
    for (const name of receipt ? [template, receipt] : [template]) if (!named(name).length) throw new UserError('not_found', 'error.template_missing', { name });
    const perGift = named(template).some((t) => /\{\{\s*gift\./.test(`${t.subject} ${t.body}`));
    const mailing = ruleMailing(workbook, rule, toOwner ? 'staff' : 'members', by);
    const queue = (contactId: string, giftId = ''): void => {
      const contact = requireLiveContact(workbook, contactId);
      const about = giftId ? { gift_id: giftId } : {};
      if (toOwner) {
        const owner = rule.owner.trim() || contact.owner.trim();
        if (!owner) throw new UserError('invalid', 'points.no_owner', { id: contactId });
        workbook.table(MailingRecipients).insert([{ mailing_id: mailing, contact_id: contactId, email: owner, status: 'queued', ...about }]);
        return;
      }
      const reason = skipReason(contact, 'members');
      workbook
        .table(MailingRecipients)
        .insert([{ mailing_id: mailing, contact_id: contactId, email: String(contact.email ?? ''), status: reason ? 'skipped' : 'queued', reason: reason ?? '', ...about }]);
    };
    if (!perGift) return { perGift, queue, gifts: () => 0 };
    // The gifts this rule has thanked already, in any of its mailings.
    const mailingName = workbook.table(Mailings).get(mailing)?.name;
    const ours = new Set(
      workbook
        .table(Mailings)
        .all()
        .filter((m) => m.name === mailingName)
        .map((m) => m.id),
    );
    const thanked = new Set(
      workbook
        .table(MailingRecipients)
        .all()
        .filter((r) => ours.has(r.mailing_id) && r.gift_id)
        .map((r) => r.gift_id),
    );
    const since = addDays(todayOf(workbook), -1);
    const gifts = (contactId: string): number => {
      const fresh = workbook
        .table(Donations)
        .where('contact_id', contactId)
        .filter((g) => !g.refunded_at && dateOf(g.date) >= since && !thanked.has(g.id))
        .sort((a, b) => String(a.date).localeCompare(String(b.date)));
      for (const g of fresh) {
        queue(contactId, g.id);
        thanked.add(g.id);
      }
      return fresh.length;
    };
    return { perGift, queue, gifts };
  };
  return {
    checkArgument: required('points.template_required'),
    prepare: (ctx) => {
      const { perGift, queue, gifts } = plan(ctx);
      // Entering with no fresh gift (a segment not about gifts): one message, about the latest gift.
      return (contactId) => {
        if (!perGift || gifts(contactId) === 0) queue(contactId);
      };
    },
    staying: (ctx) => {
      const { perGift, gifts } = plan(ctx);
      return perGift ? gifts : null;
    },
  };
}

function contactsTagged(workbook: Workbook, tagId: string): Set<string> {
  return new Set(
    workbook
      .table(ContactTags)
      .where('tag_id', tagId)
      .map((ct) => ct.contact_id),
  );
}
