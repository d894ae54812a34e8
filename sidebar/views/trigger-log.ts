/** Trigger points under the segments: the rules (trigger-rules.ts: listed, and for editors added,
 *  changed and deleted), what they did lately (who entered which rule's segment, and what was done),
 *  and for editors "Run now" with the rules' problems (a rule naming a missing segment, a broken row)
 *  in words. */
import { fill, h } from '../dom';
import { errorText, moment, t } from '../i18n';
import { call } from '../server';
import { canEdit, Session } from '../session';
import { triggerRules } from './trigger-rules';
import type { TriggerLogView as LogEntry, TriggerRun as RunReport } from '../../src/services/points/trigger-points';

const SHOWN = 20;

export function triggerLog(session: Session, handlers: { onOpen(id: string): void }): { render(): HTMLElement } {
  const root = h('section', { class: 'trigger-log', 'data-testid': 'trigger-log' });
  let entries: LogEntry[] | null = null;
  let report: RunReport | null = null;
  let busy = false;
  let error = '';
  let loading = false;
  const rules = triggerRules(session);

  async function load(): Promise<void> {
    if (loading) return;
    loading = true;
    try {
      entries = (await call('triggerLog', { limit: SHOWN })).entries;
      error = '';
    } catch (e) {
      error = errorText(e);
    }
    loading = false;
    paint();
  }

  async function run(): Promise<void> {
    if (busy) return;
    busy = true;
    paint();
    try {
      report = await call('runTriggerPoints', {});
      error = '';
    } catch (e) {
      error = errorText(e);
    }
    busy = false;
    // A run can find a segment's query broken: the rules' problems follow.
    rules.reload();
    await load();
  }

  function paint(): void {
    const problems = (report?.rules ?? []).flatMap((r) => r.errors.map((message) => ({ rule: r.name, message })));
    fill(
      root,
      h('h2', null, t('builder.points.title')),
      h('p', { class: 'muted small' }, t('builder.points.hint')),
      rules.render(),
      canEdit(session.role) && h('button', { type: 'button', 'data-testid': 'trigger-run', disabled: busy, onclick: () => void run() }, busy ? t('common.loading') : t('builder.points.run')),
      report && h('p', { class: 'notice', role: 'status', 'data-testid': 'trigger-report' }, t('builder.points.report', { fired: report.fired, closed: report.closed })),
      problems.length > 0 &&
        h(
          'ul',
          { class: 'error', 'data-testid': 'trigger-problems' },
          problems.map((p) => h('li', null, `${p.rule}: ${p.message}`)),
        ),
      error && h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, error)),
      entries && h('h3', null, t('builder.rules.latest')),
      entries &&
        h(
          'ul',
          { class: 'card-list compact', 'data-testid': 'trigger-entries' },
          entries.length
            ? entries.map((e) =>
                h(
                  'li',
                  { 'data-testid': 'trigger-entry' },
                  h('button', { type: 'button', class: 'link-button', onclick: () => handlers.onOpen(e.contact_id) }, e.contact_name || e.contact_id),
                  ' · ',
                  // A deleted rule's firings stay in the log, known by the rule's id only.
                  e.rule_name || e.rule,
                  h('div', { class: 'small muted' }, moment(e.entered_at), e.outcome && e.outcome !== 'done' ? ` · ${e.outcome}` : ''),
                ),
              )
            : h('li', { class: 'muted' }, t('builder.points.none')),
        ),
    );
  }

  return {
    render() {
      if (entries === null && !error && !loading) void load();
      paint();
      return root;
    },
  };
}
