/** The spreadsheet is not set up yet: say so and offer to run Set up (the server decides who may). */
import type { SetupReport } from '../../src/services/setup';
import { fill, h } from '../dom';
import { errorText, roleName, t } from '../i18n';
import { call } from '../server';
import type { View } from '../session';

export function setupView(host: HTMLElement, onDone: (report: SetupReport) => void): View {
  let running = false;
  let error = '';

  async function run(): Promise<void> {
    if (running) return;
    running = true;
    error = '';
    render();
    try {
      const report = await call('setUp', {});
      running = false;
      onDone(report);
    } catch (e) {
      running = false;
      error = errorText(e);
      render();
    }
  }

  function render(): void {
    fill(
      host,
      h('header', { class: 'view-header' }, h('h1', null, t('app.name'))),
      h(
        'section',
        { class: 'panel', 'data-testid': 'setup' },
        h('p', { 'data-testid': 'setup-needed' }, t('setup.needed')),
        h(
          'div',
          { class: 'buttons' },
          h('button', { type: 'button', class: 'action', disabled: running, 'aria-busy': String(running), 'data-testid': 'setup-run', onclick: () => void run() }, t('setup.run')),
        ),
        running && h('p', { class: 'muted', role: 'status', 'data-testid': 'loading' }, t('common.loading')),
        error && h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, error)),
      ),
    );
  }

  return { render };
}

/** "The CRM is ready: 9 tables created, 0 columns added. You are admin." */
export function setupDoneText(report: SetupReport): string {
  const columns = report.columnsAdded.reduce((sum, added) => sum + added.columns.length, 0);
  return t('setup.done', { created: report.tablesCreated.length, columns, role: roleName(report.role) });
}
