/** Relationships, read from this contact's side ('parent of' here, 'child of' on the other card), each
 *  other contact a click away; editors add one (type from this side, the other found by search) or
 *  end one. Also the employer of a person and the people of an organisation. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ContactLink, RelationshipView, SearchHit } from '../../src/services/views';
import { whatTellsApart } from './similar';
import { day, errorText, t, valueLabel } from '../i18n';
import { employeeType, parseTypeChoice, relationshipTypeChoices } from '../record-options';
import { call, change } from '../server';
import { CardContext, CardForm, CardSection, OpenForm, SaveOrCancel, SectionError, useSectionForm, valueOf } from './card-context';

const SEARCH_DELAY_MS = 250;

/** A relationship label in the sidebar's language when it is one of the labels Set up creates;
 *  labels people wrote themselves show as written. */
export function relationshipLabel(label: string): string {
  return valueLabel('record.rel', label);
}

export interface RelationshipForm {
  /** `${type.id}:a|b`, see relationshipTypeChoices. */
  choice: string;
  search: string;
  candidate: { id: string; name: string } | null;
}

/** Whether the form (null when closed) holds a choice not saved yet. */
export function relationshipUnsaved(form: RelationshipForm | null): boolean {
  return form !== null && (form.candidate !== null || form.search.trim() !== '');
}

export function RelationshipsSection({ ctx }: { ctx: CardContext }) {
  const { card, editable } = ctx;
  const { form, setForm, open, close } = useSectionForm<RelationshipForm | null>(ctx, 'relationships', () => null, relationshipUnsaved, 'add-relationship');
  const ordered = [...card.relationships].sort((a, b) => Number(b.active) - Number(a.active));
  const choices = () => relationshipTypeChoices(ctx.options?.relationship_types ?? [], relationshipLabel);
  return (
    <CardSection testid="relationships" title={t('record.relationships.title')}>
      {ordered.length ? (
        <ul class="card-list">
          {ordered.map((r) => (
            <RelationshipItem key={r.id} ctx={ctx} r={r} />
          ))}
        </ul>
      ) : (
        <p class="muted">{t('record.relationships.none')}</p>
      )}
      <SectionError ctx={ctx} name="relationships" />
      {editable && !form && (
        <div class="buttons">
          <button type="button" data-testid="add-relationship" onClick={() => open({ choice: choices()[0]?.value ?? '', search: '', candidate: null })}>
            {t('record.relationships.add')}
          </button>
        </div>
      )}
      {editable && form && <AddRelationship ctx={ctx} form={form} setForm={setForm} onClose={close} />}
    </CardSection>
  );
}

function RelationshipItem({ ctx, r }: { ctx: CardContext; r: RelationshipView }) {
  const when = r.active ? (r.start_date ? t('record.relationships.since', { date: day(r.start_date) }) : '') : t('record.relationships.ended', { date: day(r.end_date) || '—' });
  const end = () =>
    void ctx.undoable(
      'relationships',
      () => change('endRelationship', { id: r.id, contact_id: ctx.card.contact.id }),
      () => t('edit.saved'),
    );
  return (
    <li class={r.active ? 'relationship' : 'relationship ended'} data-testid="relationship" data-id={r.id} data-active={String(r.active)}>
      <div class="row-main">
        <span class="rel-label" data-testid="relationship-label">
          {relationshipLabel(r.label)}
        </span>
        <button type="button" class="link-button name" data-testid="relationship-contact" data-id={r.other_id} onClick={() => ctx.open(r.other_id)}>
          {r.other_name || t('contact.no_name')}
        </button>
        {ctx.editable && r.active && (
          <button type="button" class="small-button" data-testid="end-relationship" data-id={r.id} disabled={ctx.busy !== ''} onClick={end}>
            {t('record.relationships.end')}
          </button>
        )}
      </div>
      {when && <div class="muted small">{when}</div>}
      {r.note && <div class="small">{r.note}</div>}
    </li>
  );
}

/** The contacts matching what is typed (the latest search wins; the contact itself left out). */
function useCandidates(text: string, self: string): { found: SearchHit[]; error: string } {
  const [answer, setAnswer] = useState<{ found: SearchHit[]; error: string }>({ found: [], error: '' });
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    const typed = text.trim();
    if (!typed) {
      setAnswer({ found: [], error: '' });
      return;
    }
    const timer = setTimeout(() => {
      call('searchContacts', { text: typed, limit: 8 }).then(
        (page) => mine === seq.current && setAnswer({ found: page.items.filter((hit) => hit.id !== self), error: '' }),
        (error) => mine === seq.current && setAnswer({ found: [], error: errorText(error) }),
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, self]);
  return answer;
}

function AddRelationship({ ctx, form, setForm, onClose }: OpenForm<RelationshipForm | null> & { form: RelationshipForm }) {
  const { card } = ctx;
  const choices = relationshipTypeChoices(ctx.options?.relationship_types ?? [], relationshipLabel);
  const candidates = useCandidates(form.candidate ? '' : form.search, card.contact.id);
  const type = useRef<HTMLSelectElement>(null);
  useEffect(() => type.current?.focus(), []);
  const update = (change: Partial<RelationshipForm>) => setForm((now) => (now ? { ...now, ...change } : now));
  const save = () => {
    const chosen = parseTypeChoice(form.choice);
    if (!chosen || !form.candidate || ctx.busy) return;
    const other = form.candidate;
    void ctx.undoable(
      'relationships',
      () => change('addRelationship', { contact_id: card.contact.id, other_id: other.id, ...chosen }),
      () => t('edit.saved'),
      () => setForm(() => null),
    );
  };
  const apart = whatTellsApart(candidates.found);
  const picker = form.candidate ? (
    <div class="chosen" data-testid="relationship-chosen">
      <span class="name">{form.candidate.name || t('contact.no_name')}</span>
      <button
        type="button"
        class="small-button"
        onClick={() => {
          update({ candidate: null });
          ctx.focus('[data-testid="relationship-search"]');
        }}
      >
        {t('record.relationships.change')}
      </button>
    </div>
  ) : (
    <>
      <input
        type="search"
        autocomplete="off"
        placeholder={t('record.relationships.search')}
        aria-label={t('record.relationships.search')}
        data-testid="relationship-search"
        value={form.search}
        onInput={(e) => update({ search: valueOf(e) })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.preventDefault();
        }}
      />
      <ul class="contacts candidates" data-testid="relationship-candidates">
        {candidates.error ? (
          <li class="error" role="alert">
            {candidates.error}
          </li>
        ) : form.search.trim() && !candidates.found.length ? (
          <li class="muted empty">{t('contacts.none')}</li>
        ) : (
          candidates.found.map((hit) => (
            <li key={hit.id}>
              <button
                type="button"
                class="row"
                data-testid="relationship-candidate"
                data-id={hit.id}
                onClick={() => {
                  update({ candidate: { id: hit.id, name: hit.name } });
                  ctx.focus('[data-testid="save-relationship"]');
                }}
              >
                <span class="name">{hit.name || t('contact.no_name')}</span>
                {apart.has(hit.id) && (
                  <span class="row-distinct" data-testid="row-distinct">
                    {apart.get(hit.id)}
                  </span>
                )}
                <span class="row-details muted">{[hit.email, hit.organisation, hit.city].filter(Boolean).join(' · ')}</span>
              </button>
            </li>
          ))
        )}
      </ul>
    </>
  );
  return (
    <CardForm ctx={ctx} onSave={save} data-testid="relationship-form">
      <p class="small">{t('record.relationships.sentence', { name: card.name || t('contact.no_name') })}</p>
      <div class="field">
        <label for="relationship-type">{t('record.relationships.type')}</label>
        <select ref={type} id="relationship-type" data-testid="relationship-type" value={form.choice} onChange={(e) => update({ choice: valueOf(e) })}>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label>{t('record.relationships.other')}</label>
        {picker}
      </div>
      <SaveOrCancel ctx={ctx} section="relationships" save="save-relationship" cancel="cancel-relationship" onCancel={onClose} />
    </CardForm>
  );
}

/** A person's employer, an organisation's people, and the offer to record an employment. */
export function WorkSection({ ctx }: { ctx: CardContext }) {
  const { card } = ctx;
  const offer = card.employment_offer;
  const employee = employeeType(ctx.options?.relationship_types ?? []);
  const offered = ctx.editable && offer && employee;
  if (!card.employer && !card.people.length && !offered) return null;
  const link = (l: ContactLink, testid: string) => (
    <li key={l.id}>
      {l.label && <span class="rel-label">{relationshipLabel(l.label)}</span>}
      <button type="button" class="link-button name" data-testid={testid} data-id={l.id} onClick={() => ctx.open(l.id)}>
        {l.name || t('contact.no_name')}
      </button>
    </li>
  );
  const record = () =>
    offer &&
    employee &&
    void ctx.undoable(
      'relationships',
      () => change('addRelationship', { contact_id: card.contact.id, other_id: offer.organisation_id, type_id: employee.id, side: 'a' }),
      () => t('edit.saved'),
    );
  return (
    <CardSection testid="work" title={t(card.people.length ? 'record.work.people' : 'record.work.employer')}>
      {card.employer && <ul class="card-list compact">{link(card.employer, 'employer')}</ul>}
      {card.people.length > 0 && <ul class="card-list compact">{card.people.map((p) => link(p, 'person'))}</ul>}
      {offered && (
        <div class="buttons">
          <button type="button" data-testid="employment-offer" disabled={ctx.busy !== ''} onClick={record}>
            {t('record.work.offer', { name: card.name || t('contact.no_name'), org: offer.organisation_name || t('contact.no_name') })}
          </button>
        </div>
      )}
    </CardSection>
  );
}
