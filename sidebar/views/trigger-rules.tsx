/** The trigger point rules, under the Segments tab's trigger log: each rule in words ("when a contact
 *  enters <segment>: add the tag …"), its owner, whether it is on, and in red what the nightly run would
 *  report about its row. Editors add, change, switch on and off, and delete rules here; in Google the
 *  TriggerPoints sheet stays editable by hand as well. A Preact component (see sidebar/components). */
import { TRIGGER_ACTIONS } from '../../src/core/schema/tables';
import { fold } from '../../src/core/text';
import { useState } from 'preact/hooks';
import { errorText, plural, t } from '../i18n';
import { call, type InputOf } from '../server';
import { useAct, useRead } from '../components/server-hooks';
import type { TriggerPointRule as Rule } from '../../src/services/points/trigger-point-rules';
import { Failed } from '../components/said';

type ActionName = (typeof TRIGGER_ACTIONS)[number];

const known = (action: string): action is ActionName => (TRIGGER_ACTIONS as readonly string[]).includes(action.trim().toLowerCase());

/** A rule's action in words, with its argument. */
export function ruleDoes(rule: Pick<Rule, 'action' | 'argument'>): string {
  const action = rule.action.trim().toLowerCase();
  if (!known(action)) return t('builder.rules.does.unknown', { action: rule.action, argument: rule.argument });
  if (action !== 'follow_up') return t(`builder.rules.does.${action}`, { argument: rule.argument });
  const days = Number(rule.argument.trim() || '0');
  return days === 0 || !Number.isFinite(days) ? t('builder.rules.does.follow_up_today') : plural('builder.rules.does.follow_up', days);
}

/** `asked`: changes when the rules should be read again (after a run: a segment's problems may have
 *  changed). */
export function TriggerRules({ editable, asked }: { editable: boolean; asked: number }) {
  const list = useRead(() => call('listTriggerPoints', {}), asked);
  const act = useAct(() => list.reload());
  const [confirmId, setConfirmId] = useState('');
  /** The rule being edited (null: a new one), or undefined when no form is open. */
  const [editing, setEditing] = useState<Rule | null | undefined>(undefined);
  const [saved, setSaved] = useState('');
  const busy = act.busy !== '';
  const rules = list.data?.rules;

  const inputOf = (rule: Rule, active: boolean) => ({ id: rule.id, name: rule.name, segment: rule.segment, action: rule.action, argument: rule.argument, owner: rule.owner, active });
  const change = (key: string, work: () => Promise<string>) => {
    setSaved('');
    return act.run(key, async () => {
      const said = await work();
      setConfirmId('');
      return said;
    });
  };
  const open = (rule: Rule | null) => {
    setEditing(rule);
    setConfirmId('');
    setSaved('');
    act.reset();
  };
  const form = (rule: Rule | null) => (
    <RuleForm
      key={rule?.id ?? 'new'}
      rule={rule}
      onCancel={() => setEditing(undefined)}
      onSaved={(name) => {
        setEditing(undefined);
        setSaved(t('builder.rules.saved', { name }));
        void list.reload();
      }}
    />
  );

  const item = (rule: Rule) => {
    // A row typed without an id cannot be told apart from the others: it is fixed in the sheet.
    const addressable = editable && rule.id !== '';
    return (
      <li key={rule.id} data-testid="rule" data-id={rule.id}>
        <div class="row-main">
          <span class={rule.active ? 'name' : 'name muted'}>{rule.name || rule.id}</span>
          <label class="check">
            <input
              type="checkbox"
              data-testid="rule-active"
              checked={rule.active}
              disabled={!addressable || busy}
              onChange={(e) => {
                const active = (e.target as HTMLInputElement).checked;
                void change(rule.id, () => call('saveTriggerPoint', inputOf(rule, active)).then(() => t('builder.rules.saved', { name: rule.name })));
              }}
            />
            {t('builder.rules.active')}
          </label>
        </div>
        <div class="small" data-testid="rule-when">
          {t('builder.rules.when', { segment: rule.segment, action: ruleDoes(rule) })}
        </div>
        {rule.owner && <div class="small muted">{t('builder.rules.owner', { owner: rule.owner })}</div>}
        {rule.problems.length > 0 && (
          <ul class="error small">
            {rule.problems.map((p, i) => (
              <li key={i} data-testid="rule-problem">
                {p}
              </li>
            ))}
          </ul>
        )}
        {addressable &&
          (editing && editing.id === rule.id ? (
            form(editing)
          ) : confirmId === rule.id ? (
            <div class="confirm" role="alertdialog">
              <p>{t('builder.rules.delete_confirm', { name: rule.name })}</p>
              <div class="inline-controls">
                <button
                  type="button"
                  class="danger-button"
                  data-testid="rule-delete-confirm"
                  disabled={busy}
                  onClick={() => void change(rule.id, () => call('deleteTriggerPoint', { id: rule.id }).then(() => t('builder.rules.deleted', { name: rule.name })))}
                >
                  {t('builder.rules.delete')}
                </button>
                <button type="button" onClick={() => setConfirmId('')}>
                  {t('builder.rules.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <div class="inline-controls">
              <button type="button" data-testid="rule-edit" disabled={busy} onClick={() => open(rule)}>
                {t('builder.rules.edit')}
              </button>
              <button type="button" class="danger-button" data-testid="rule-delete" disabled={busy} onClick={() => setConfirmId(rule.id)}>
                {t('builder.rules.delete')}
              </button>
            </div>
          ))}
      </li>
    );
  };

  const notice = saved || act.notice;
  const error = act.error || list.error;
  return (
    <div class="trigger-rules" data-testid="rules">
      <h3>{t('builder.rules.title')}</h3>
      <p class="muted small">{t('builder.rules.hint')}</p>
      {rules && (
        <ul class="card-list" data-testid="rule-list">
          {rules.length ? rules.map(item) : <li class="muted">{t('builder.rules.none')}</li>}
        </ul>
      )}
      {/* A rule is edited in place, in its own line; a new one below the list. */}
      {editable &&
        (editing !== undefined ? (
          editing === null && form(null)
        ) : (
          <button type="button" class="action" data-testid="rule-new" disabled={busy} onClick={() => open(null)}>
            {t('builder.rules.new')}
          </button>
        ))}
      {notice && (
        <p class="notice" role="status" data-testid="rule-notice">
          {notice}
        </p>
      )}
      <Failed error={error} testid="rules-error" />
    </div>
  );
}

/** A rule's form (a new one, or one being changed), filled from the rule; the segments to choose from
 *  asked when it opens. */
function RuleForm({ rule, onCancel, onSaved }: { rule: Rule | null; onCancel(): void; onSaved(name: string): void }) {
  const segmentList = useRead(() => call('listSegments', {}).then((answer) => answer.segments.map((s) => s.name)));
  const [draft, setDraft] = useState({
    name: rule?.name ?? '',
    segment: rule?.segment ?? '',
    action: rule?.action.trim().toLowerCase() ?? 'add_tag',
    argument: rule?.argument ?? '',
    owner: rule?.owner ?? '',
    active: rule ? rule.active : true,
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const set = (field: keyof typeof draft) => (e: Event) => {
    const target = e.target as HTMLInputElement;
    const value = target.type === 'checkbox' ? target.checked : target.value;
    setDraft((d) => ({ ...d, [field]: value }));
  };

  const names = segmentList.data;
  // The rule's segment as the list spells it; a segment that is gone stays, marked, until someone picks another.
  const found = names?.find((n) => fold(n.trim()) === fold(draft.segment.trim()));
  const segment = names ? (found ?? (draft.segment || names[0] || '')) : draft.segment;
  const noSegments = names !== null && names !== undefined && names.length === 0 && !draft.segment;
  const action = draft.action;
  const argumentLabel = known(action) ? t(`builder.rules.argument.${action.trim().toLowerCase() as ActionName}`) : t('builder.rules.argument.add_tag');

  const save = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    setError('');
    const input: InputOf<'saveTriggerPoint'> = { name: draft.name, segment, action, argument: draft.argument, owner: draft.owner, active: draft.active };
    if (rule) input.id = rule.id;
    try {
      onSaved((await call('saveTriggerPoint', input)).name);
    } catch (failure) {
      setSaving(false);
      setError(errorText(failure));
    }
  };

  return (
    <form class="card-form" data-testid="rule-form" onSubmit={save}>
      <h4>{rule ? t('builder.rules.edit_title', { name: rule.name }) : t('builder.rules.new_title')}</h4>
      <div class="field">
        <label for="rule-name">{t('builder.rules.name')}</label>
        <input id="rule-name" type="text" value={draft.name} maxLength={200} required data-testid="rule-name" onInput={set('name')} />
      </div>
      <div class="field">
        <label for="rule-segment">{t('builder.rules.segment')}</label>
        <select id="rule-segment" data-testid="rule-segment" value={segment} onChange={set('segment')}>
          {(names ?? []).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
          {names && draft.segment && !found && <option value={draft.segment}>{t('builder.rules.segment_missing', { name: draft.segment })}</option>}
        </select>
        {noSegments && <p class="muted small">{t('builder.rules.no_segments')}</p>}
      </div>
      <div class="field">
        <label for="rule-action">{t('builder.rules.action')}</label>
        <select id="rule-action" data-testid="rule-action" value={action} onChange={set('action')}>
          {TRIGGER_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`builder.rules.choice.${a}`)}
            </option>
          ))}
          {/* A hand-typed action the CRM does not know stays chosen, so that saving says what is wrong. */}
          {rule && !known(rule.action) && <option value={rule.action.trim().toLowerCase()}>{t('builder.rules.choice.unknown', { action: rule.action })}</option>}
        </select>
      </div>
      <div class="field">
        <label for="rule-argument" data-testid="rule-argument-label">
          {argumentLabel}
        </label>
        <input id="rule-argument" type="text" inputMode={action === 'follow_up' ? 'numeric' : 'text'} value={draft.argument} data-testid="rule-argument" onInput={set('argument')} />
      </div>
      <div class="field">
        <label for="rule-owner">{t('builder.rules.owner_label')}</label>
        <input id="rule-owner" type="text" inputMode="email" autocomplete="off" value={draft.owner} data-testid="rule-owner" onInput={set('owner')} />
        <p class="muted small">{t('builder.rules.owner_hint')}</p>
      </div>
      <label class="check">
        <input id="rule-active-field" type="checkbox" checked={draft.active} data-testid="rule-active" onChange={set('active')} />
        {t('builder.rules.active')}
      </label>
      <div class="buttons">
        <button type="submit" class="action" data-testid="rule-save" disabled={saving || noSegments || !names}>
          {saving ? t('common.saving') : t('builder.rules.save')}
        </button>
        <button type="button" data-testid="rule-cancel" onClick={onCancel}>
          {t('builder.rules.cancel')}
        </button>
      </div>
      <Failed error={error || segmentList.error} testid="rule-error" />
    </form>
  );
}
