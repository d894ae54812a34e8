/** The contact card: everything about one contact on one screen (profile, membership, donations,
 *  timeline, tags, notes, relationships), with the forms to change it for editors. After a change the
 *  card is read again from the server, except a logged interaction, which shows at once. */
import type { ContactCard, RecordOptions } from '../../src/services/views';
import { fill, h } from '../dom';
import type { Child } from '../dom';
import { errorText, t } from '../i18n';
import { loadRecordOptions } from '../record-options';
import { call, ServerError, type Changed } from '../server';
import { confirmChange } from '../undo-bar';
import { canEdit, Session, View } from '../session';
import { CardContext, CardState, Section } from './card-context';
import { cardHeader, deleteSection, segmentsSection } from './card-header';
import { donationsSection, emptyGiftForm } from './card-donations';
import { emptyMembershipForm, membershipsSection, membershipUnsaved } from './card-memberships';
import { notesSection, notesUnsaved } from './card-notes';
import { emptyProfileForm, profileSection, profileUnsaved } from './card-profile';
import { emptyRelationshipForm, relationshipsSection, relationshipUnsaved, workSection } from './card-relationships';
import { tagsSection } from './card-tags';
import { emptyLogForm, logUnsaved, timelineSection } from './card-timeline';

export interface CardView extends View {
  /** The contact shown. */
  readonly id: string;
  hasUnsavedEdits(): boolean;
  /** The view is no longer on screen: late answers must not draw. */
  detach(): void;
}

export interface CardHandlers {
  /** Back to the list the card was opened from, with an optional message for it. */
  onBack(notice?: string): void;
  /** Open another contact's card. */
  onOpen(id: string): void;
}

/** Everything the card shows, top to bottom. */
export function cardBody(ctx: CardContext): Child[] {
  return [
    cardHeader(ctx),
    profileSection(ctx),
    workSection(ctx),
    membershipsSection(ctx),
    donationsSection(ctx),
    timelineSection(ctx),
    tagsSection(ctx),
    notesSection(ctx),
    relationshipsSection(ctx),
    segmentsSection(ctx),
    deleteSection(ctx),
  ];
}

export function emptyCardState(): CardState {
  return {
    profile: emptyProfileForm(),
    membership: emptyMembershipForm(),
    log: emptyLogForm(),
    timelineType: '',
    gift: emptyGiftForm(),
    archived: null,
    tag: { name: '', colour: '' },
    notes: null,
    nextContact: null,
    relationship: emptyRelationshipForm(),
    confirmingDelete: false,
    editing: null,
    fieldError: null,
    busy: '',
    errors: {},
  };
}

export function cardView(host: HTMLElement, session: Session, id: string, handlers: CardHandlers): CardView {
  const root = h('div', { class: 'card', 'data-testid': 'contact-card', 'data-id': id });
  const state = emptyCardState();
  let card: ContactCard | null = null;
  let options: RecordOptions | null = null;
  let loading = false;
  let loadError = '';
  let started = false;
  let detached = false;

  async function load(): Promise<void> {
    loading = true;
    if (!card) repaint();
    try {
      const [loaded, opts] = await Promise.all([call('getContactCard', { id }), loadRecordOptions()]);
      card = loaded;
      options = opts;
      loadError = '';
      delete state.errors.header;
    } catch (error) {
      if (card) state.errors.header = errorText(error);
      else loadError = errorText(error);
    }
    loading = false;
    repaint();
  }

  async function change<T>(name: Section, run: () => Promise<T>, after?: (result: T) => void, reload = true): Promise<boolean> {
    if (state.busy) return false;
    const focus = focusKey(document.activeElement);
    state.busy = name;
    delete state.errors[name];
    state.fieldError = null;
    repaint();
    let ok = false;
    try {
      const result = await run();
      state.busy = '';
      after?.(result);
      ok = true;
    } catch (error) {
      state.busy = '';
      state.errors[name] = errorText(error);
      if (error instanceof ServerError && error.field) state.fieldError = { section: name, field: error.field, message: errorText(error) };
    }
    if (ok && reload && !detached) await load();
    else repaint();
    // A refusal about one field: the person lands on it, its problem read under it.
    const wrong = state.fieldError?.shown ? root.querySelector<HTMLElement>('[aria-invalid="true"]') : null;
    if (wrong) wrong.focus();
    else restoreFocus(focus);
    return ok;
  }

  function undoable<T>(name: Section, run: () => Promise<Changed<T>>, said: (result: T) => string, after?: (result: T) => void, reload = true): Promise<boolean> {
    return change(
      name,
      run,
      (answer) => {
        after?.(answer.data);
        confirmChange(said(answer.data), answer.undo, () => {
          if (!detached) void load();
        });
      },
      reload,
    );
  }

  function context(c: ContactCard): CardContext {
    return {
      card: c,
      options,
      editable: canEdit(session.role),
      loading,
      state,
      change,
      undoable,
      repaint,
      open: (other) => handlers.onOpen(other),
      back: (notice) => handlers.onBack(notice),
    };
  }

  function repaint(): void {
    if (detached) return;
    const focus = focusKey(document.activeElement);
    const back = h('button', { type: 'button', class: 'back', 'data-testid': 'back', onclick: () => handlers.onBack() }, '← ', t('record.card.back'));
    if (!card) {
      fill(
        root,
        back,
        loading && h('p', { class: 'muted panel', role: 'status', 'data-testid': 'loading' }, t('common.loading')),
        loadError &&
          h(
            'div',
            { class: 'error', role: 'alert' },
            h('p', { 'data-testid': 'error' }, loadError),
            h('button', { type: 'button', 'data-testid': 'retry', onclick: () => void load() }, t('common.retry')),
          ),
      );
      return;
    }
    if (state.fieldError) state.fieldError.shown = false;
    state.errorsShown = new Set();
    fill(root, back, cardBody(context(card)));
    restoreFocus(focus);
  }

  /** A way to find the focused control again after a redraw. */
  function focusKey(element: Element | null): string | null {
    if (!element || element === document.body || !root.contains(element)) return null;
    const quote = (v: string) => JSON.stringify(v);
    const testid = element.getAttribute('data-testid');
    const dataId = element.getAttribute('data-id');
    if (testid) return `[data-testid=${quote(testid)}]` + (dataId ? `[data-id=${quote(dataId)}]` : '');
    if (element.id) return `[id=${quote(element.id)}]`;
    const name = element.getAttribute('name');
    return name ? `[name=${quote(name)}]` : null;
  }

  function restoreFocus(key: string | null): void {
    if (!key || detached) return;
    const active = document.activeElement;
    if (active && active !== document.body && root.contains(active)) return;
    const target = root.querySelector<HTMLElement>(key);
    if (target && !(target as HTMLButtonElement).disabled) target.focus();
  }

  return {
    id,
    render() {
      detached = false;
      fill(host, root);
      repaint();
      if (!started) {
        started = true;
        void load();
      }
    },
    hasUnsavedEdits() {
      if (!card) return false;
      const ctx = context(card);
      return (
        profileUnsaved(card, state.profile) ||
        membershipUnsaved(state.membership) ||
        logUnsaved(state.log) ||
        notesUnsaved(ctx) ||
        relationshipUnsaved(state.relationship) ||
        state.tag.name.trim() !== ''
      );
    },
    detach() {
      detached = true;
    },
  };
}
