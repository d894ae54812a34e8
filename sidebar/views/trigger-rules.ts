/** The trigger point rules, under the Segments tab's trigger log: each rule in words ("when a contact
 *  enters <segment>: add the tag …"), its owner, whether it is on, and in red what the nightly run would
 *  report about its row. Editors add, change, switch on and off, and delete rules here; in Google the
 *  TriggerPoints sheet stays editable by hand as well. */
import { TRIGGER_ACTIONS } from '../../src/core/schema/tables';
import { fold } from '../../src/core/text';
import { fill, h } from '../dom';
import { errorText, plural, t } from '../i18n';
import { call, type InputOf } from '../server';
import { canEdit, Session } from '../session';
import type { TriggerPointRule as Rule } from '../../src/services/points/trigger-point-rules';

type ActionName = (typeof TRIGGER_ACTIONS)[number];

/** The form's fields, made once when the form opens so that repainting around them keeps what was typed. */
interface Form {
  rule: Rule | null;
  element: HTMLFormElement;
  name: HTMLInputElement;
  segment: HTMLSelectElement;
  action: HTMLSelectElement;
  argument: HTMLInputElement;
  owner: HTMLInputElement;
  active: HTMLInputElement;
  segments: string[] | null;
  error: string;
  saving: boolean;
}

export interface TriggerRules {
  render(): HTMLElement;
  /** Reads the rules again (after a run: a segment's problems may have changed). */
  reload(): void;
}

const known = (action: string): action is ActionName => (TRIGGER_ACTIONS as readonly string[]).includes(action.trim().toLowerCase());

/** A rule's action in words, with its argument. */
export function ruleDoes(rule: Pick<Rule, 'action' | 'argument'>): string {
  const action = rule.action.trim().toLowerCase();
  if (!known(action)) return t('builder.rules.does.unknown', { action: rule.action, argument: rule.argument });
  if (action !== 'follow_up') return t(`builder.rules.does.${action}`, { argument: rule.argument });
  const days = Number(rule.argument.trim() || '0');
  return days === 0 || !Number.isFinite(days) ? t('builder.rules.does.follow_up_today') : plural('builder.rules.does.follow_up', days);
}

export function triggerRules(session: Session): TriggerRules {
  const root = h('div', { class: 'trigger-rules', 'data-testid': 'rules' });
  const editable = canEdit(session.role);
  let rules: Rule[] | null = null;
  let loading = false;
  let busy = false;
  let error = '';
  let notice = '';
  let confirmId = '';
  let form: Form | null = null;

  async function load(): Promise<void> {
    if (loading) return;
    loading = true;
    try {
      rules = (await call('listTriggerPoints', {})).rules;
      error = '';
    } catch (e) {
      error = errorText(e);
    }
    loading = false;
    paint();
  }

  async function act(work: () => Promise<string>): Promise<void> {
    if (busy) return;
    busy = true;
    error = '';
    notice = '';
    paint();
    try {
      notice = await work();
    } catch (e) {
      error = errorText(e);
    }
    busy = false;
    confirmId = '';
    await load();
  }

  const inputOf = (rule: Rule, active: boolean) => ({ id: rule.id, name: rule.name, segment: rule.segment, action: rule.action, argument: rule.argument, owner: rule.owner, active });

  function paint(): void {
    fill(
      root,
      h('h3', null, t('builder.rules.title')),
      h('p', { class: 'muted small' }, t('builder.rules.hint')),
      rules && h('ul', { class: 'card-list', 'data-testid': 'rule-list' }, rules.length ? rules.map(ruleItem) : h('li', { class: 'muted' }, t('builder.rules.none'))),
      // A rule is edited in place, in its own line; a new one below the list.
      editable &&
        (form ? !form.rule && form.element : h('button', { type: 'button', class: 'action', 'data-testid': 'rule-new', disabled: busy, onclick: () => openForm(null) }, t('builder.rules.new'))),
      notice && h('p', { class: 'notice', role: 'status', 'data-testid': 'rule-notice' }, notice),
      error && h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'rules-error' }, error)),
    );
    if (form) paintForm(form);
  }

  function ruleItem(rule: Rule): HTMLElement {
    // A row typed without an id cannot be told apart from the others: it is fixed in the sheet.
    const addressable = editable && rule.id !== '';
    return h(
      'li',
      { 'data-testid': 'rule', 'data-id': rule.id },
      h(
        'div',
        { class: 'row-main' },
        h('span', { class: rule.active ? 'name' : 'name muted' }, rule.name || rule.id),
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            'data-testid': 'rule-active',
            checked: rule.active,
            disabled: !addressable || busy,
            onchange: (e) => {
              const active = (e.target as HTMLInputElement).checked;
              void act(() => call('saveTriggerPoint', inputOf(rule, active)).then(() => t('builder.rules.saved', { name: rule.name })));
            },
          }),
          t('builder.rules.active'),
        ),
      ),
      h('div', { class: 'small', 'data-testid': 'rule-when' }, t('builder.rules.when', { segment: rule.segment, action: ruleDoes(rule) })),
      rule.owner && h('div', { class: 'small muted' }, t('builder.rules.owner', { owner: rule.owner })),
      rule.problems.length > 0 &&
        h(
          'ul',
          { class: 'error small' },
          rule.problems.map((p) => h('li', { 'data-testid': 'rule-problem' }, p)),
        ),
      addressable &&
        (form?.rule?.id === rule.id
          ? form.element
          : confirmId === rule.id
            ? h(
                'div',
                { class: 'confirm', role: 'alertdialog' },
                h('p', null, t('builder.rules.delete_confirm', { name: rule.name })),
                h(
                  'div',
                  { class: 'inline-controls' },
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'danger-button',
                      'data-testid': 'rule-delete-confirm',
                      disabled: busy,
                      onclick: () => void act(() => call('deleteTriggerPoint', { id: rule.id }).then(() => t('builder.rules.deleted', { name: rule.name }))),
                    },
                    t('builder.rules.delete'),
                  ),
                  h('button', { type: 'button', onclick: () => ((confirmId = ''), paint()) }, t('builder.rules.cancel')),
                ),
              )
            : h(
                'div',
                { class: 'inline-controls' },
                h('button', { type: 'button', 'data-testid': 'rule-edit', disabled: busy, onclick: () => openForm(rule) }, t('builder.rules.edit')),
                h('button', { type: 'button', class: 'danger-button', 'data-testid': 'rule-delete', disabled: busy, onclick: () => ((confirmId = rule.id), paint()) }, t('builder.rules.delete')),
              )),
    );
  }

  function openForm(rule: Rule | null): void {
    const action = rule?.action.trim().toLowerCase() ?? 'add_tag';
    const actionSelect = h(
      'select',
      { id: 'rule-action', 'data-testid': 'rule-action', onchange: () => form && paintForm(form) },
      TRIGGER_ACTIONS.map((a) => h('option', { value: a, selected: a === action }, t(`builder.rules.choice.${a}`))),
      // A hand-typed action the CRM does not know stays chosen, so that saving says what is wrong.
      rule && !known(action) && h('option', { value: rule.action, selected: true }, t('builder.rules.choice.unknown', { action: rule.action })),
    );
    form = {
      rule,
      element: h('form', { class: 'card-form', 'data-testid': 'rule-form', onsubmit: (e) => (e.preventDefault(), void save()) }),
      name: h('input', { id: 'rule-name', type: 'text', value: rule?.name ?? '', maxlength: 200, required: true, 'data-testid': 'rule-name' }),
      segment: h('select', { id: 'rule-segment', 'data-testid': 'rule-segment' }),
      action: actionSelect,
      argument: h('input', { id: 'rule-argument', type: 'text', value: rule?.argument ?? '', 'data-testid': 'rule-argument' }),
      owner: h('input', { id: 'rule-owner', type: 'text', inputmode: 'email', autocomplete: 'off', value: rule?.owner ?? '', 'data-testid': 'rule-owner' }),
      active: h('input', { id: 'rule-active-field', type: 'checkbox', checked: rule ? rule.active : true, 'data-testid': 'rule-active' }),
      segments: null,
      error: '',
      saving: false,
    };
    confirmId = '';
    notice = '';
    paint();
    void loadSegments(form);
  }

  async function loadSegments(open: Form): Promise<void> {
    try {
      const names = (await call('listSegments', {})).segments.map((s) => s.name);
      if (form !== open) return;
      open.segments = names;
      const current = open.rule?.segment ?? '';
      const found = names.find((n) => fold(n.trim()) === fold(current.trim()));
      fill(
        open.segment,
        names.map((n) => h('option', { value: n, selected: n === found }, n)),
        // A rule naming a segment that is gone keeps it, marked, until someone picks another.
        current && !found && h('option', { value: current, selected: true }, t('builder.rules.segment_missing', { name: current })),
      );
    } catch (e) {
      if (form !== open) return;
      open.error = errorText(e);
    }
    paintForm(open);
  }

  function paintForm(f: Form): void {
    const action = f.action.value;
    const argumentLabel = known(action) ? t(`builder.rules.argument.${action.trim().toLowerCase() as ActionName}`) : t('builder.rules.argument.add_tag');
    f.argument.inputMode = action === 'follow_up' ? 'numeric' : 'text';
    const noSegments = f.segments !== null && f.segments.length === 0 && !f.segment.value;
    fill(
      f.element,
      h('h4', null, f.rule ? t('builder.rules.edit_title', { name: f.rule.name }) : t('builder.rules.new_title')),
      h('div', { class: 'field' }, h('label', { for: 'rule-name' }, t('builder.rules.name')), f.name),
      h('div', { class: 'field' }, h('label', { for: 'rule-segment' }, t('builder.rules.segment')), f.segment, noSegments && h('p', { class: 'muted small' }, t('builder.rules.no_segments'))),
      h('div', { class: 'field' }, h('label', { for: 'rule-action' }, t('builder.rules.action')), f.action),
      h('div', { class: 'field' }, h('label', { for: 'rule-argument', 'data-testid': 'rule-argument-label' }, argumentLabel), f.argument),
      h('div', { class: 'field' }, h('label', { for: 'rule-owner' }, t('builder.rules.owner_label')), f.owner, h('p', { class: 'muted small' }, t('builder.rules.owner_hint'))),
      h('label', { class: 'check' }, f.active, t('builder.rules.active')),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'submit', class: 'action', 'data-testid': 'rule-save', disabled: f.saving || noSegments || f.segments === null }, f.saving ? t('common.saving') : t('builder.rules.save')),
        h('button', { type: 'button', 'data-testid': 'rule-cancel', onclick: () => ((form = null), paint()) }, t('builder.rules.cancel')),
      ),
      f.error && h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'rule-error' }, f.error)),
    );
  }

  async function save(): Promise<void> {
    const f = form;
    if (!f || f.saving) return;
    f.saving = true;
    f.error = '';
    paintForm(f);
    const action = f.action.value;
    const input: InputOf<'saveTriggerPoint'> = {
      name: f.name.value,
      segment: f.segment.value,
      action,
      argument: f.argument.value,
      owner: f.owner.value,
      active: f.active.checked,
    };
    if (f.rule) input.id = f.rule.id;
    try {
      const saved = await call('saveTriggerPoint', input);
      form = null;
      notice = t('builder.rules.saved', { name: saved.name });
      error = '';
      await load();
    } catch (e) {
      f.saving = false;
      f.error = errorText(e);
      paintForm(f);
    }
  }

  return {
    render() {
      if (rules === null && !error && !loading) void load();
      paint();
      return root;
    },
    reload() {
      void load();
    },
  };
}
