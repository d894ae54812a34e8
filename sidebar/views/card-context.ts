/** What every section of the contact card shares: the card, the pickers' options, who may edit, the
 *  state of the section's forms (kept across redraws and languages) and how to save a change. */
import type { ContactCard, InteractionView, RecordOptions } from '../../src/services/views';
import { h } from '../dom';
import type { Child } from '../dom';
import type { ProfileForm } from './card-profile';
import type { MembershipForm } from './card-memberships';
import type { LogForm } from './card-timeline';
import type { GiftForm } from './card-donations';
import type { RelationshipForm } from './card-relationships';
import type { EditState } from './card-edit';
import type { Changed } from '../server';
import { t } from '../i18n';

/** The parts of the card that save something and show their own error. */
export type Section = 'header' | 'profile' | 'memberships' | 'donations' | 'timeline' | 'tags' | 'notes' | 'relationships' | 'delete';

export interface CardState {
  profile: ProfileForm;
  membership: MembershipForm;
  log: LogForm;
  /** Interaction type shown in the timeline, '' for all. */
  timelineType: string;
  /** The Record a gift form, open or not, as typed. */
  gift: GiftForm;
  /** The contact's interactions read from the archive: null until asked, 'loading' meanwhile. */
  archived: InteractionView[] | 'loading' | null;
  tag: { name: string; colour: string };
  /** What is typed in Notes / Next contact date; null while untouched (the card's value shows). */
  notes: string | null;
  nextContact: string | null;
  relationship: RelationshipForm;
  confirmingDelete: boolean;
  /** The interaction, gift or membership being corrected in place, as typed; null when none. */
  editing: EditState | null;
  /** A refusal about one field of a section's form, shown under that field (see fieldNote). */
  fieldError: { section: Section; field: string; message: string; shown?: boolean } | null;
  /** The sections whose refusal this drawing already shows (an open edit form shows its own). */
  errorsShown?: Set<Section>;
  /** The section whose change is being saved ('' when none). */
  busy: Section | '';
  errors: Partial<Record<Section, string>>;
}

export interface CardContext {
  card: ContactCard;
  options: RecordOptions | null;
  editable: boolean;
  /** The card is being read again. */
  loading: boolean;
  state: CardState;
  /** Saves a change: marks the section busy, shows a refusal in it (nothing typed is lost), and on
   *  success runs `after` then reads the card again (unless `reload` is false). */
  change<T>(section: Section, run: () => Promise<T>, after?: (result: T) => void, reload?: boolean): Promise<boolean>;
  /** `change` for an undoable action: on success the confirmation line says `said(result)` and offers
   *  Undo, after which the card is read again. */
  undoable<T>(section: Section, run: () => Promise<Changed<T>>, said: (result: T) => string, after?: (result: T) => void, reload?: boolean): Promise<boolean>;
  /** Draws the card again from the state. */
  repaint(): void;
  /** Opens another contact's card. */
  open(id: string): void;
  /** Back to the list the card was opened from, with an optional message for it. */
  back(notice?: string): void;
}

const COLLAPSED_KEY = 'crm.card.collapsed';

/** The sections a person folded away, remembered in this browser for every card. */
export function collapsedSections(): Set<string> {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(COLLAPSED_KEY) ?? '[]');
    return new Set(Array.isArray(saved) ? saved.filter((s): s is string => typeof s === 'string') : []);
  } catch {
    return new Set();
  }
}

function rememberCollapsed(testid: string, collapsed: boolean): void {
  const set = collapsedSections();
  if (collapsed) set.add(testid);
  else set.delete(testid);
  try {
    globalThis.localStorage?.setItem(COLLAPSED_KEY, JSON.stringify([...set]));
  } catch {
    // A browser that keeps nothing: the section folds for this card only.
  }
}

/** A titled section that folds: `<section data-testid=…><h2><button>title</button></h2>…</section>`.
 *  Folded or not is remembered (in this browser) for every card. */
export function section(testid: string, title: string, ...children: Child[]): HTMLElement {
  const folded = collapsedSections().has(testid);
  const body = h('div', { class: 'section-body', id: `${testid}-body`, hidden: folded }, ...children);
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'section-toggle',
      'aria-expanded': String(!folded),
      'aria-controls': `${testid}-body`,
      'data-testid': 'section-toggle',
      onclick: (e: Event) => {
        const button = e.currentTarget as HTMLButtonElement;
        const open = button.getAttribute('aria-expanded') !== 'true';
        button.setAttribute('aria-expanded', String(open));
        body.hidden = !open;
        rememberCollapsed(testid, !open);
      },
    },
    title,
  );
  return h('section', { class: 'card-section', 'data-testid': testid, 'aria-label': title }, h('h2', null, toggle), body);
}

/** Lines of a long text shown before "more". */
export const SHORT_LINES = 4;

/** A text people typed (a note, a call's details), its first lines only when it is long, with "more". */
export function longText(text: string, attrs: Record<string, string>): HTMLElement {
  const long = text.split('\n').length > SHORT_LINES || text.length > 320;
  const body = h('div', { ...attrs, class: long ? `${attrs.class ?? ''} clamped` : (attrs.class ?? '') }, text);
  if (!long) return body;
  const more = h(
    'button',
    {
      type: 'button',
      class: 'link-button small',
      'data-testid': 'show-more',
      'aria-expanded': 'false',
      onclick: (e: Event) => {
        const button = e.currentTarget as HTMLButtonElement;
        const open = !body.classList.contains('clamped');
        body.classList.toggle('clamped', open);
        button.setAttribute('aria-expanded', String(!open));
        button.textContent = t(open ? 'edit.more' : 'edit.less');
      },
    },
    t('edit.more'),
  );
  return h('div', null, body, more);
}

/** The section's refusal, if any, in the words of the server; nothing when it already shows under its
 *  field (fieldNote, drawn before). */
export function sectionError(ctx: CardContext, name: Section): HTMLElement | null {
  const message = ctx.state.errors[name];
  const under = ctx.state.fieldError;
  if (!message || (under && under.section === name && under.shown) || ctx.state.errorsShown?.has(name)) return null;
  (ctx.state.errorsShown ??= new Set()).add(name);
  return message ? h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error', 'data-section': name }, message)) : null;
}

/** What is wrong with one field, under it (and the field marked invalid); null when nothing is. */
export function fieldNote(ctx: CardContext, name: Section, field: string, control: HTMLElement): HTMLElement | null {
  const wrong = ctx.state.fieldError;
  if (!wrong || wrong.section !== name || wrong.field !== field) return null;
  wrong.shown = true;
  const id = `${name}-${field}-problem`;
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', id);
  return h('p', { class: 'field-error', id, role: 'alert', 'data-testid': 'field-error', 'data-field': field }, wrong.message);
}

/** Says what is wrong with a field before anything is sent (an amount that is not one). */
export function refuseField(ctx: CardContext, name: Section, field: string, message: string): void {
  ctx.state.errors[name] = message;
  ctx.state.fieldError = { section: name, field, message };
  ctx.repaint();
  document.querySelector<HTMLElement>(`[aria-describedby="${name}-${field}-problem"]`)?.focus();
}

/** A label above a control, and under it what is wrong with it (`note`, see fieldNote). */
export function field(id: string, label: string, control: HTMLElement, note?: HTMLElement | null): HTMLElement {
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, note);
}

/** A button that saves: disabled and busy while its section saves. */
export function saveButton(ctx: CardContext, name: Section, attrs: Record<string, string>, label: string, onclick: () => void, type: 'button' | 'submit' = 'button'): HTMLButtonElement {
  const busy = ctx.state.busy === name;
  return h('button', { type, class: 'action', disabled: ctx.state.busy !== '', 'aria-busy': String(busy), ...attrs, onclick: type === 'button' ? onclick : undefined }, label);
}

/** The value an input shows for a field of the card (numbers and booleans as text). */
export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
