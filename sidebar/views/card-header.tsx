/** The top and bottom of the contact card: name, member badge, membership line and lifecycle stage
 *  (editors may set it by hand); the segments the contact is in; and Delete, confirmed in the page. */
import { useState } from 'preact/hooks';
import { t, valueLabel } from '../i18n';
import { change } from '../server';
import { confirmChange } from '../undo-bar';
import { CardContext, CardSection, SectionError, valueOf } from './card-context';
import { membershipLine } from './card-memberships';

export function CardHeader({ ctx }: { ctx: CardContext }) {
  const c = ctx.card;
  const derived = valueLabel('record.stage', c.derived_stage);
  const override = String(c.contact.lifecycle_override ?? '');
  const stages = ctx.options?.lifecycle_stages ?? [];
  const setStage = (lifecycle_override: string) =>
    void ctx.undoable(
      'header',
      () => change('updateContact', { id: c.contact.id, patch: { lifecycle_override } }),
      () => t('edit.stage_set', { stage: lifecycle_override ? valueLabel('record.stage', lifecycle_override) : t('record.card.stage_automatic', { stage: derived }) }),
    );
  return (
    <header class="card-header">
      <h1 class={c.name ? 'card-name' : 'card-name muted'} data-testid="card-name">
        {c.name || t('contact.no_name')}
      </h1>
      <div class="row-main">
        <span class={c.member ? 'badge member' : 'badge'} data-testid="member-badge">
          {t(c.member ? 'contact.member' : 'contact.not_member')}
        </span>
        {c.contact.kind === 'organisation' && <span class="badge">{t('contact.kind.organisation')}</span>}
        {ctx.loading && (
          <span class="muted small" role="status">
            {t('common.loading')}
          </span>
        )}
      </div>
      <p class="small" data-testid="membership-status">
        {membershipLine(c.membership)}
      </p>
      <div class="stage">
        <span class="muted">{t('record.card.stage')}</span>
        <span data-testid="stage" data-value={c.stage}>
          {valueLabel('record.stage', c.stage)}
        </span>
        {ctx.editable && (
          <select aria-label={t('record.card.stage_override')} data-testid="stage-override" disabled={ctx.busy !== ''} value={override} onChange={(e) => setStage(valueOf(e))}>
            <option value="">{t('record.card.stage_automatic', { stage: derived })}</option>
            {(override && !stages.includes(override) ? [...stages, override] : stages).map((s) => (
              <option key={s} value={s}>
                {valueLabel('record.stage', s)}
              </option>
            ))}
          </select>
        )}
      </div>
      <SectionError ctx={ctx} name="header" />
    </header>
  );
}

/** The contact's segments; nothing at all when there are none. */
export function SegmentsSection({ ctx }: { ctx: CardContext }) {
  const segments = ctx.card.segments;
  if (!segments.length) return null;
  return (
    <CardSection testid="segments" title={t('record.segments.title')}>
      <ul class="card-list compact">
        {segments.map((s) => (
          <li key={s.id} data-testid="segment" data-id={s.id}>
            {s.name}
          </li>
        ))}
      </ul>
    </CardSection>
  );
}

/** Delete (a soft delete), for editors, after a confirmation in the page (never window.confirm). */
export function DeleteSection({ ctx }: { ctx: CardContext }) {
  const [confirming, setConfirming] = useState(false);
  if (!ctx.editable) return null;
  const { card } = ctx;
  const name = card.name || t('contact.no_name');
  const ask = (on: boolean) => {
    setConfirming(on);
    ctx.clear('delete');
    ctx.focus(on ? '[data-testid="cancel-delete"]' : '[data-testid="delete-contact"]');
  };
  // Back to the list, which no longer shows the contact; Undo brings the card back.
  const id = card.contact.id;
  const remove = () =>
    void ctx.change(
      'delete',
      () => change('deleteContact', { id }),
      (answer) => {
        ctx.back();
        confirmChange(t('edit.contact_deleted', { name }), answer.undo, () => ctx.open(id));
      },
      false,
    );
  return (
    <section class="card-section danger" aria-label={t('record.delete.title')}>
      {!confirming ? (
        <button type="button" class="danger-button" data-testid="delete-contact" onClick={() => ask(true)}>
          {t('record.delete.button')}
        </button>
      ) : (
        <div class="confirm" role="alertdialog" aria-label={t('record.delete.title')} data-testid="confirm-delete-box">
          <p>{t('record.delete.confirm', { name })}</p>
          <div class="buttons">
            <button type="button" class="danger-button" data-testid="confirm-delete" disabled={ctx.busy !== ''} onClick={remove}>
              {t('record.delete.yes')}
            </button>
            <button type="button" data-testid="cancel-delete" onClick={() => ask(false)}>
              {t('contact.cancel')}
            </button>
          </div>
        </div>
      )}
      <SectionError ctx={ctx} name="delete" />
    </section>
  );
}
