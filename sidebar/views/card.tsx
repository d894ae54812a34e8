/** The contact card: everything about one contact on one screen (profile, membership, donations,
 *  timeline, tags, notes, relationships), with the forms to change it for editors. After a change the
 *  card is read again from the server, except a logged interaction, which shows at once. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ContactCard, RecordOptions } from '../../src/services/views';
import { errorText, t } from '../i18n';
import { loadRecordOptions, onRecordOptions, recordOptionsNow } from '../record-options';
import { call, ServerError } from '../server';
import { confirmChange } from '../undo-bar';
import { canEdit, Session, View } from '../session';
import { focusKey, restoreFocus } from '../focus';
import { componentView } from '../components/mount';
import { useFocusLater } from '../components/focus-later';
import { Failed } from '../components/said';
import type { CardContext, Editing, FieldProblem, Section } from './card-context';
import { CardHeader, DeleteSection, SegmentsSection } from './card-header';
import { DonationsSection } from './card-donations';
import { MembershipsSection } from './card-memberships';
import { NotesSection } from './card-notes';
import { ProfileSection } from './card-profile';
import { RelationshipsSection, WorkSection } from './card-relationships';
import { TagsSection } from './card-tags';
import { TimelineSection } from './card-timeline';

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
export function CardBody({ ctx }: { ctx: CardContext }) {
  return (
    <>
      <CardHeader ctx={ctx} />
      <ProfileSection ctx={ctx} />
      <WorkSection ctx={ctx} />
      <MembershipsSection ctx={ctx} />
      <DonationsSection ctx={ctx} />
      <TimelineSection ctx={ctx} />
      <TagsSection ctx={ctx} />
      <NotesSection ctx={ctx} />
      <RelationshipsSection ctx={ctx} />
      <SegmentsSection ctx={ctx} />
      <DeleteSection ctx={ctx} />
    </>
  );
}

/** What the card's sections say of their forms, read by the sidebar before it follows the sheet. */
export type Unsaved = Record<string, boolean>;

interface CardProps {
  id: string;
  editable: boolean;
  handlers: CardHandlers;
  /** Filled by the sections as they draw: which hold something typed and not saved. */
  unsaved: Unsaved;
  /** Whether the card is still on screen (late answers then draw nothing and read nothing again). */
  onScreen(): boolean;
}

export function Card({ id, editable, handlers, unsaved, onScreen }: CardProps) {
  const root = useRef<HTMLDivElement>(null);
  const [card, setCard] = useState<ContactCard | null>(null);
  const [options, setOptions] = useState<RecordOptions | null>(recordOptionsNow);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState('');
  const [busy, setBusy] = useState<Section | ''>('');
  const [errors, setErrors] = useState<Partial<Record<Section, string>>>({});
  const [fieldError, setFieldError] = useState<FieldProblem | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const busyNow = useRef<Section | ''>('');
  /** Where the focus goes once the change is drawn: the field a refusal is about, else where it was. */
  const refocus = useRef<{ key: string | null } | null>(null);
  const focusLater = useFocusLater(root);
  const hasCard = useRef(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [loaded, opts] = await Promise.all([call('getContactCard', { id }), loadRecordOptions()]);
      if (!onScreen()) return;
      hasCard.current = true;
      setCard(loaded);
      setOptions(opts);
      setLoadError('');
      setErrors(({ header: _, ...rest }) => rest);
    } catch (error) {
      if (!onScreen()) return;
      if (hasCard.current) setErrors((now) => ({ ...now, header: errorText(error) }));
      else setLoadError(errorText(error));
    }
    setLoading(false);
  }, [id]);

  useEffect(() => {
    void load();
    // A tag created on this card (or elsewhere) reaches the pickers.
    return onRecordOptions(setOptions);
  }, [load]);

  useEffect(() => {
    const wanted = refocus.current;
    if (!wanted || !root.current) return;
    refocus.current = null;
    const wrong = root.current.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (wrong) wrong.focus();
    else restoreFocus(root.current, wanted.key);
  });

  async function change<T>(section: Section, run: () => Promise<T>, after?: (result: T) => void, reload = true): Promise<boolean> {
    if (busyNow.current) return false;
    const focus = root.current ? focusKey(root.current, document.activeElement) : null;
    busyNow.current = section;
    setBusy(section);
    setErrors(({ [section]: _, ...rest }) => rest);
    setFieldError(null);
    let ok = false;
    try {
      const result = await run();
      after?.(result);
      ok = true;
    } catch (error) {
      setErrors((now) => ({ ...now, [section]: errorText(error) }));
      if (error instanceof ServerError && error.field) setFieldError({ section, field: error.field, message: errorText(error) });
    }
    if (ok && reload && onScreen()) await load();
    busyNow.current = '';
    setBusy('');
    refocus.current = { key: focus };
    return ok;
  }

  if (!card)
    return (
      <div ref={root}>
        <BackButton onBack={() => handlers.onBack()} />
        {loading && (
          <p class="muted panel" role="status" data-testid="loading">
            {t('common.loading')}
          </p>
        )}
        {/* Try again shows it is asking again, the refusal gone meanwhile. */}
        {!loading && <Failed error={loadError} onRetry={() => void load()} />}
      </div>
    );

  const ctx: CardContext = {
    card,
    options,
    editable,
    loading,
    busy,
    errors,
    fieldError,
    editing,
    edit(next) {
      // What was said about the item's section goes with the form that opens or closes.
      const section = next?.section ?? editing?.section;
      setEditing(next);
      if (section) ctx.clear(section);
    },
    change,
    undoable: (section, run, said, after, reload) =>
      change(
        section,
        run,
        (answer) => {
          after?.(answer.data);
          confirmChange(said(answer.data), answer.undo, () => {
            if (onScreen()) void load();
          });
        },
        reload,
      ),
    refuse(section, field, message) {
      setErrors((now) => ({ ...now, [section]: message }));
      setFieldError({ section, field, message });
      refocus.current = { key: null };
    },
    clear(section) {
      setErrors(({ [section]: _, ...rest }) => rest);
      setFieldError((now) => (now?.section === section ? null : now));
    },
    update: (next) => setCard((now) => (now ? next(now) : now)),
    focus: focusLater,
    unsaved(section, typed) {
      unsaved[section] = typed;
    },
    open: (other) => handlers.onOpen(other),
    back: (notice) => handlers.onBack(notice),
  };
  return (
    <div ref={root}>
      <BackButton onBack={() => handlers.onBack()} />
      <CardBody ctx={ctx} />
    </div>
  );
}

function BackButton({ onBack }: { onBack: () => void }) {
  return (
    <button type="button" class="back" data-testid="back" onClick={onBack}>
      ← {t('record.card.back')}
    </button>
  );
}

export function cardView(host: HTMLElement, session: Session, id: string, handlers: CardHandlers): CardView {
  const unsaved: Unsaved = {};
  let detached = false;
  const screen = componentView(host, () => (
    <div class="card" data-testid="contact-card" data-id={id}>
      <Card id={id} editable={canEdit(session.role)} handlers={handlers} unsaved={unsaved} onScreen={() => !detached} />
    </div>
  ));
  return {
    id,
    render() {
      detached = false;
      screen.render();
    },
    hasUnsavedEdits: () => Object.values(unsaved).some(Boolean),
    detach() {
      detached = true;
    },
  };
}
