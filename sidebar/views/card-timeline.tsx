/** The interaction timeline (newest first, filtered by type) and the Log form, made to be filled in
 *  during a phone call: the subject has the focus, Enter does not send a half-written note,
 *  Ctrl/Cmd+Enter saves, and the new interaction shows at once. Editors correct or delete an
 *  interaction where it shows; the ones moved to the archive are read when asked. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { InteractionView } from '../../src/services/views';
import type { NewInteraction } from '../../src/services/record/interactions';
import { day, moment, t, valueLabel } from '../i18n';
import { isoMoment, localDateTimeValue } from '../format';
import { call, change } from '../server';
import { CardContext, CardForm, CardSection, Field, LongText, OpenForm, SaveOrCancel, SectionError, useSectionForm, valueOf } from './card-context';
import { EditForm, isEditing, ItemButtons } from './card-edit';

/** The types a person logs by hand (the others come from imports and the newsletter). */
export const LOGGED_TYPES = ['call', 'email', 'meeting', 'event', 'note'] as const;

const DIRECTIONS = ['inbound', 'outbound', 'internal'];

export interface LogForm {
  open: boolean;
  type: string;
  /** As the datetime-local input holds it: the reader's local time, 'YYYY-MM-DDTHH:MM'. */
  when: string;
  direction: string;
  subject: string;
  details: string;
  outcome: string;
  follow_up_date: string;
}

export function emptyLogForm(now?: Date): LogForm {
  return { open: false, type: 'call', when: now ? localDateTimeValue(now) : '', direction: '', subject: '', details: '', outcome: '', follow_up_date: '' };
}

/** What logInteraction takes: the service's own shape. */
export type InteractionInput = NewInteraction;

/** What `logInteraction` gets: `when` as an ISO moment with its zone, empty fields left out. */
export function interactionInput(form: LogForm, contactId: string): InteractionInput {
  const input: InteractionInput = { contact_id: contactId, type: form.type || 'call' };
  const when = isoMoment(form.when);
  if (when) input.when = when;
  if (form.direction) input.direction = form.direction;
  for (const name of ['subject', 'details', 'outcome'] as const) {
    const value = name === 'details' ? form[name].replace(/\s+$/, '') : form[name].trim();
    if (value) input[name] = value;
  }
  if (form.follow_up_date) input.follow_up_date = form.follow_up_date;
  return input;
}

/** Whether the Log form holds something typed. */
export function logUnsaved(form: LogForm): boolean {
  return form.open && [form.subject, form.details, form.outcome, form.follow_up_date].some((v) => v.trim() !== '');
}

const LOG_FIELDS = ['when', 'subject', 'details', 'outcome', 'follow_up_date'];

export function TimelineSection({ ctx }: { ctx: CardContext }) {
  const { card } = ctx;
  const { form: log, setForm: setLog, open, close } = useSectionForm(ctx, 'timeline', emptyLogForm, logUnsaved, 'log-interaction');
  const [type, setType] = useState('');
  const types = [...new Set(card.interactions.map((i) => i.type))];
  if (type && !types.includes(type)) types.push(type);
  const shown = type ? card.interactions.filter((i) => i.type === type) : card.interactions;
  const logged = (created: InteractionView) => {
    // The server answers with the stored interaction: show it first, no need to read the card again.
    ctx.update((c) => ({ ...c, interactions: [created, ...c.interactions.filter((i) => i.id !== created.id)] }));
    setType('');
    setLog(emptyLogForm());
  };
  return (
    <CardSection testid="interactions" title={t('record.timeline.title')}>
      {ctx.editable && !log.open && (
        <div class="buttons">
          <button type="button" class="action" data-testid="log-interaction" onClick={() => open({ ...emptyLogForm(new Date()), open: true })}>
            {t('record.log.open')}
          </button>
        </div>
      )}
      {ctx.editable && log.open && <LogInteraction ctx={ctx} form={log} setForm={setLog} onClose={close} onLogged={logged} />}
      <div class="filter-row">
        <select aria-label={t('record.timeline.filter')} data-testid="timeline-filter" value={type} onChange={(e) => setType(valueOf(e))}>
          <option value="">{t('record.timeline.all_types')}</option>
          {types.map((v) => (
            <option key={v} value={v}>
              {valueLabel('record.type', v)}
            </option>
          ))}
        </select>
      </div>
      <ol class="card-list timeline" data-testid="timeline">
        {shown.length ? shown.map((i) => <InteractionItem key={i.id} i={i} ctx={ctx} />) : <li class="muted empty">{t('record.timeline.none')}</li>}
      </ol>
      {card.archive && <Archived ctx={ctx} />}
      {!log.open && ctx.editing?.section !== 'timeline' && <SectionError ctx={ctx} name="timeline" />}
    </CardSection>
  );
}

/** The contact's interactions moved to the archive spreadsheet: read there when asked. */
function Archived({ ctx }: { ctx: CardContext }) {
  const [archived, setArchived] = useState<InteractionView[] | 'loading' | null>(null);
  const show = async () => {
    setArchived('loading');
    const id = ctx.card.contact.id;
    let answer: InteractionView[] | null = null;
    await ctx.change(
      'timeline',
      () => call('archivedInteractions', { contact_id: id }),
      (found) => (answer = found.interactions),
      false,
    );
    setArchived(answer);
  };
  if (archived === null || archived === 'loading')
    return (
      <div class="buttons">
        <button type="button" data-testid="show-archived" disabled={archived === 'loading'} aria-busy={archived === 'loading'} onClick={() => void show()}>
          {t('record.archived.show')}
        </button>
      </div>
    );
  return (
    <div data-testid="archived">
      <h3>{t('record.archived.title')}</h3>
      {archived.length ? (
        <ol class="card-list timeline">
          {archived.map((i) => (
            <InteractionItem key={i.id} i={i} />
          ))}
        </ol>
      ) : (
        <p class="muted">{t('record.archived.none')}</p>
      )}
    </div>
  );
}

/** An entry of the timeline; on the card (`ctx`), editors correct or delete it in place. */
function InteractionItem({ i, ctx }: { i: InteractionView; ctx?: CardContext }) {
  if (ctx && isEditing(ctx, 'timeline', i.id))
    return (
      <li data-testid="interaction" data-type={i.type} data-id={i.id}>
        <InteractionEdit ctx={ctx} i={i} />
      </li>
    );
  const heading = [valueLabel('record.type', i.type), i.direction && valueLabel('record.direction', i.direction)].filter(Boolean).join(' · ');
  const followUp = i.follow_up_date ? t(i.follow_up_done === true ? 'record.timeline.follow_up_done' : 'record.timeline.follow_up', { date: day(i.follow_up_date) }) : '';
  return (
    <li data-testid="interaction" data-type={i.type} data-id={i.id}>
      <div class="row-main">
        <span class="name" data-testid="interaction-type">
          {heading}
        </span>
        <time class="muted small" dateTime={i.when} data-testid="interaction-when">
          {moment(i.when)}
        </time>
      </div>
      {i.subject && (
        <div class="subject" data-testid="interaction-subject">
          {i.subject}
        </div>
      )}
      {i.details && <LongText text={i.details} class="details-text" testid="interaction-details" />}
      {i.outcome && (
        <div class="small" data-testid="interaction-outcome">
          {t('record.timeline.outcome', { outcome: i.outcome })}
        </div>
      )}
      {followUp && (
        <div class="small follow-up" data-testid="interaction-follow-up">
          {followUp}
        </div>
      )}
      {i.staff && <div class="muted small">{i.staff}</div>}
      {ctx && <ItemButtons ctx={ctx} kind="interaction" section="timeline" id={i.id} remove={() => change('deleteInteraction', { id: i.id })} deleted={t('edit.interaction_deleted')} />}
    </li>
  );
}

function InteractionEdit({ ctx, i }: { ctx: CardContext; i: InteractionView }) {
  const types = (LOGGED_TYPES as readonly string[]).includes(i.type) ? LOGGED_TYPES : [...LOGGED_TYPES, i.type];
  const directions = ctx.options?.directions ?? DIRECTIONS;
  const whenShown = i.when ? localDateTimeValue(new Date(i.when)) : '';
  return (
    <EditForm
      ctx={ctx}
      kind="interaction"
      section="timeline"
      id={i.id}
      start={{
        type: i.type,
        when: whenShown,
        direction: i.direction,
        subject: i.subject,
        details: i.details,
        outcome: i.outcome,
        follow_up_date: i.follow_up_date,
        follow_up_done: i.follow_up_done === true,
      }}
      fields={[
        { name: 'type', label: t('record.log.type'), type: 'select', options: types.map((v) => ({ value: v, label: valueLabel('record.type', v) })) },
        {
          name: 'direction',
          label: t('record.log.direction'),
          type: 'select',
          options: [{ value: '', label: '' }, ...directions.map((v) => ({ value: v, label: valueLabel('record.direction', v) }))],
        },
        { name: 'when', label: t('record.log.when'), type: 'datetime-local' },
        { name: 'subject', label: t('record.log.subject'), type: 'text' },
        { name: 'details', label: t('record.log.details'), type: 'textarea' },
        { name: 'outcome', label: t('record.log.outcome'), type: 'text' },
        { name: 'follow_up_date', label: t('record.log.follow_up_date'), type: 'date' },
        { name: 'follow_up_done', label: t('edit.follow_up_done'), type: 'checkbox' },
      ]}
      save={(values) => {
        const text = (name: string) => String(values[name] ?? '');
        // The moment as stored unless the person changed it (the form shows minutes, the store keeps more).
        const when = text('when') !== whenShown ? isoMoment(text('when')) : '';
        const patch = {
          type: text('type') as (typeof LOGGED_TYPES)[number],
          direction: text('direction') as 'inbound' | 'outbound' | 'internal' | '',
          subject: text('subject').trim(),
          details: text('details').replace(/\s+$/, ''),
          outcome: text('outcome').trim(),
          follow_up_date: text('follow_up_date'),
          ...(text('follow_up_date') ? { follow_up_done: values.follow_up_done === true } : {}),
          ...(when ? { when } : {}),
        };
        return () => change('editInteraction', { id: i.id, patch });
      }}
    />
  );
}

interface LogProps extends OpenForm<LogForm> {
  onLogged(created: InteractionView): void;
}

function LogInteraction({ ctx, form, setForm, onClose, onLogged }: LogProps) {
  const subject = useRef<HTMLInputElement>(null);
  useEffect(() => subject.current?.focus(), []);
  const set = (name: Exclude<keyof LogForm, 'open'>) => (e: Event) => {
    const value = valueOf(e);
    setForm((f) => ({ ...f, [name]: value }));
  };
  const { card } = ctx;
  const save = () => {
    if (ctx.busy) return;
    const interaction = interactionInput(form, card.contact.id);
    void ctx.undoable(
      'timeline',
      // A contact in the database has no sheet row (0): no hint then.
      () => change('logInteraction', card.row >= 2 ? { interaction, row_hint: card.row } : { interaction }),
      () => t('edit.logged'),
      onLogged,
      false,
    );
  };
  const select = (name: 'type' | 'direction', id: string, values: readonly string[], prefix: string, blank: boolean) => (
    <select id={id} name={name} value={form[name]} onChange={set(name)}>
      {blank && <option value="">—</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {valueLabel(prefix, v)}
        </option>
      ))}
    </select>
  );
  const field = { ctx, section: 'timeline' as const };
  return (
    <CardForm
      ctx={ctx}
      onSave={save}
      data-testid="log-form"
      aria-label={t('record.log.open')}
      onKeyDown={(e) => {
        const target = e.target as HTMLElement;
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          save();
        } else if (e.key === 'Enter' && target.tagName === 'INPUT') {
          // A half-written note is not sent by Enter: Ctrl/Cmd+Enter or the Save button send it.
          e.preventDefault();
        } else if (e.key === 'Escape' && !logUnsaved(form)) {
          onClose();
        }
      }}
    >
      <div class="field-row">
        <div class="field">
          <label for="log-type">{t('record.log.type')}</label>
          {select('type', 'log-type', LOGGED_TYPES, 'record.type', false)}
        </div>
        <div class="field">
          <label for="log-direction">{t('record.log.direction')}</label>
          {select('direction', 'log-direction', ctx.options?.directions ?? DIRECTIONS, 'record.direction', true)}
        </div>
      </div>
      <Field {...field} name="when" id="log-when" label={t('record.log.when')}>
        {(a) => <input {...a} name="when" type="datetime-local" value={form.when} onInput={set('when')} />}
      </Field>
      <Field {...field} name="subject" id="log-subject" label={t('record.log.subject')}>
        {(a) => <input {...a} ref={subject} name="subject" type="text" autocomplete="off" value={form.subject} onInput={set('subject')} />}
      </Field>
      <Field {...field} name="details" id="log-details" label={t('record.log.details')}>
        {(a) => <textarea {...a} name="details" rows={4} value={form.details} onInput={set('details')} />}
      </Field>
      <Field {...field} name="outcome" id="log-outcome" label={t('record.log.outcome')}>
        {(a) => <input {...a} name="outcome" type="text" autocomplete="off" value={form.outcome} onInput={set('outcome')} />}
      </Field>
      <Field {...field} name="follow_up_date" id="log-follow-up" label={t('record.log.follow_up_date')}>
        {(a) => <input {...a} name="follow_up_date" type="date" value={form.follow_up_date} onInput={set('follow_up_date')} />}
      </Field>
      <SectionError ctx={ctx} name="timeline" fields={LOG_FIELDS} />
      <SaveOrCancel ctx={ctx} section="timeline" save="save-interaction" cancel="cancel-interaction" onCancel={onClose} title={t('record.log.shortcut')} />
      <p class="muted small">{t('record.log.shortcut')}</p>
    </CardForm>
  );
}
