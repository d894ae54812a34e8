/** What every section of the contact card shares: the card, the pickers' options, who may edit, which
 *  section is saving, what went wrong where, and how to save a change; and the pieces every section is
 *  drawn with (a folding section, a long text with "more", a labelled field with its problem under it,
 *  a save button). Each section keeps what is typed in its own forms (Preact state, kept across
 *  redraws, reloads of the card and languages). */
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ContactCard, RecordOptions } from '../../src/services/views';
import type { Changed } from '../server';
import { t } from '../i18n';

/** The parts of the card that save something and show their own error. */
export type Section = 'header' | 'profile' | 'memberships' | 'donations' | 'timeline' | 'tags' | 'notes' | 'relationships' | 'delete';

/** What the server (or the form, before sending) said is wrong with one field of a section's form. */
export interface FieldProblem {
  section: Section;
  field: string;
  message: string;
}

/** The interaction, gift or membership being corrected in place (one at a time on the card). */
export interface Editing {
  section: Section;
  id: string;
}

export interface CardContext {
  card: ContactCard;
  options: RecordOptions | null;
  editable: boolean;
  /** The card is being read again. */
  loading: boolean;
  /** The section whose change is being saved ('' when none): every save button waits meanwhile. */
  busy: Section | '';
  errors: Partial<Record<Section, string>>;
  fieldError: FieldProblem | null;
  editing: Editing | null;
  /** Opens an item's edit form (null closes it). */
  edit(editing: Editing | null): void;
  /** Saves a change: marks the section busy, shows a refusal in it (nothing typed is lost), and on
   *  success runs `after` then reads the card again (unless `reload` is false). */
  change<T>(section: Section, run: () => Promise<T>, after?: (result: T) => void, reload?: boolean): Promise<boolean>;
  /** `change` for an undoable action: on success the confirmation line says `said(result)` and offers
   *  Undo, after which the card is read again. */
  undoable<T>(section: Section, run: () => Promise<Changed<T>>, said: (result: T) => string, after?: (result: T) => void, reload?: boolean): Promise<boolean>;
  /** Says what is wrong with a field before anything is sent (an amount that is not one). */
  refuse(section: Section, field: string, message: string): void;
  /** Forgets a section's refusal (its form opened or closed). */
  clear(section: Section): void;
  /** Changes what the card shows without asking the server (a logged call, answered by it). */
  update(change: (card: ContactCard) => ContactCard): void;
  /** Moves the focus to `selector` once drawn (a form's first field, the button that opened it). */
  focus(selector: string): void;
  /** A section says whether its forms hold something typed and not saved. */
  unsaved(section: string, typed: boolean): void;
  open(id: string): void;
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

/** A titled section that folds; folded or not is remembered (in this browser) for every card. */
export function CardSection({ testid, title, children }: { testid: string; title: string; children?: ComponentChildren }) {
  const [folded, setFolded] = useState(() => collapsedSections().has(testid));
  const toggle = () => {
    rememberCollapsed(testid, !folded);
    setFolded(!folded);
  };
  return (
    <section class="card-section" data-testid={testid} aria-label={title}>
      <h2>
        <button type="button" class="section-toggle" aria-expanded={!folded} aria-controls={`${testid}-body`} data-testid="section-toggle" onClick={toggle}>
          {title}
        </button>
      </h2>
      <div class="section-body" id={`${testid}-body`} hidden={folded}>
        {children}
      </div>
    </section>
  );
}

/** Lines of a long text shown before "more". */
export const SHORT_LINES = 4;

/** A text people typed (a note, a call's details), its first lines only when it is long, with "more". */
export function LongText({ text, class: className = '', testid }: { text: string; class?: string; testid?: string }) {
  const [open, setOpen] = useState(false);
  const long = text.split('\n').length > SHORT_LINES || text.length > 320;
  const body = (
    <div class={long && !open ? `${className} clamped` : className} data-testid={testid}>
      {text}
    </div>
  );
  if (!long) return body;
  return (
    <div>
      {body}
      <button type="button" class="link-button small" data-testid="show-more" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t(open ? 'edit.less' : 'edit.more')}
      </button>
    </div>
  );
}

/** A section's refusal, in the words of the server; nothing when it shows under one of `fields`, the
 *  fields of the form it sits in. Each section draws it once: in its open form, else at its end. */
export function SectionError({ ctx, name, fields = [] }: { ctx: CardContext; name: Section; fields?: readonly string[] }) {
  const message = ctx.errors[name];
  const under = ctx.fieldError;
  if (!message || (under && under.section === name && fields.includes(under.field))) return null;
  return (
    <div class="error" role="alert">
      <p data-testid="error" data-section={name}>
        {message}
      </p>
    </div>
  );
}

/** What a control carries: its id and, when something is wrong with it, aria-invalid and the id of the
 *  words that say what. */
export interface ControlAttrs {
  id: string;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

/** A label above a control, and under it what is wrong with it (a refusal about `name` in `section`). */
export function Field(props: { ctx: CardContext; section: Section; name: string; id: string; label: string; children: (attrs: ControlAttrs) => ComponentChildren }) {
  const { ctx, section, name, id, label } = props;
  const wrong = ctx.fieldError?.section === section && ctx.fieldError.field === name ? ctx.fieldError : null;
  const problem = `${section}-${name}-problem`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {props.children(wrong ? { id, 'aria-invalid': 'true', 'aria-describedby': problem } : { id })}
      {wrong && (
        <p class="field-error" id={problem} role="alert" data-testid="field-error" data-field={name}>
          {wrong.message}
        </p>
      )}
    </div>
  );
}

/** What a section's add form gets: the form as typed (kept by the section, so that a redraw or a
 *  reload loses nothing), how to change it, and how to close it. */
export interface OpenForm<F> {
  ctx: CardContext;
  form: F;
  setForm(change: (form: F) => F): void;
  onClose(): void;
}

/** A section's add (or edit) form as the section keeps it: `empty` while closed; `typed` says whether
 *  it holds something not saved (the sidebar then stays on the card); opening or closing forgets the
 *  section's refusal, and closing gives the focus back to the button `opener` (its test id). */
export function useSectionForm<F>(ctx: CardContext, section: Section, empty: () => F, typed: (form: F) => boolean, opener: string) {
  const [form, setForm] = useState(() => empty());
  ctx.unsaved(section, typed(form));
  return {
    form,
    setForm,
    open(start: F) {
      setForm(() => start);
      ctx.clear(section);
    },
    close() {
      setForm(() => empty());
      ctx.clear(section);
      ctx.focus(`[data-testid="${opener}"]`);
    },
  };
}

/** A form of the card: the browser's own checks off (ours say what is wrong, in words), and Enter or
 *  Save runs `onSave` unless a change is being saved. */
export function CardForm({ ctx, onSave, children, ...attrs }: { ctx: CardContext; onSave: () => void; children: ComponentChildren } & Omit<JSX.HTMLAttributes<HTMLFormElement>, 'onSubmit'>) {
  return (
    <form
      {...attrs}
      class="card-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!ctx.busy) onSave();
      }}
    >
      {children}
    </form>
  );
}

/** A button that saves: disabled while any section saves, busy (and saying so) while its own does. */
export function SaveButton(props: { ctx: CardContext; section: Section; testid: string; label: string; title?: string; onClick?: () => void }) {
  const { ctx, section } = props;
  const busy = ctx.busy === section;
  return (
    <button type={props.onClick ? 'button' : 'submit'} class="action" data-testid={props.testid} title={props.title} disabled={ctx.busy !== ''} aria-busy={busy} onClick={props.onClick}>
      {props.label}
    </button>
  );
}

/** A form's Save (submits; "Saving…" while the section saves) and Cancel. */
export function SaveOrCancel(props: { ctx: CardContext; section: Section; save: string; cancel: string; onCancel: () => void; label?: string; title?: string }) {
  const { ctx, section } = props;
  return (
    <div class="buttons">
      <SaveButton ctx={ctx} section={section} testid={props.save} title={props.title} label={savingLabel(ctx, section, props.label)} />
      <button type="button" data-testid={props.cancel} onClick={props.onCancel}>
        {t('contact.cancel')}
      </button>
    </div>
  );
}

/** "Saving…" while the section saves, else `label` (Save by default). */
export function savingLabel(ctx: CardContext, section: Section, label = t('contact.save')): string {
  return ctx.busy === section ? t('common.saving') : label;
}

/** The value an input shows for a field of the card (numbers and booleans as text). */
export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** What an input event says (the control's value or checkbox). */
export const valueOf = (e: Event): string => (e.target as HTMLInputElement).value;
export const checkedOf = (e: Event): boolean => (e.target as HTMLInputElement).checked;
