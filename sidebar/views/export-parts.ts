/** Export buttons: ask the server for rows (exportRows), write them as CSV and download the file; the
 *  link stays as "Download again". Used by the contact search (its results) and the Import screen (a
 *  whole table). */
import type { ExportedTable } from '../../src/services/imports/export';
import { TABLES } from '../../src/core/schema/tables';
import { fill, h } from '../dom';
import { csvDownloadText, csvFileName, downloadLink, startDownload } from '../download';
import { localDay } from '../format';
import { errorText, plural, t } from '../i18n';
import { call } from '../server';

export interface Exporter {
  /** The button and what the last export said (the same element each time, redrawn). */
  render(): HTMLElement;
}

interface ExporterOptions {
  /** data-testid of the button. */
  testid: string;
  label(): string;
  /** A hint under the button, if any. */
  hint?(): string;
  request(): Promise<ExportedTable>;
}

export function exporter(options: ExporterOptions): Exporter {
  const root = h('div', { class: 'exporter' });
  let busy = false;
  let error = '';
  let done: { file: string; count: number } | null = null;
  let link: HTMLAnchorElement | null = null;

  async function run(): Promise<void> {
    if (busy) return;
    busy = true;
    error = '';
    paint();
    try {
      const table = await options.request();
      const file = csvFileName(table.name, localDay(new Date()));
      const fresh = downloadLink(csvDownloadText(table.rows), file, '', { 'data-testid': 'export-link', class: 'small' });
      done = { file, count: Math.max(0, table.rows.length - 1) };
      link = fresh;
      busy = false;
      paint();
      startDownload(fresh);
    } catch (e) {
      error = errorText(e);
      busy = false;
      paint();
    }
  }

  function paint(): void {
    if (link && done) link.textContent = t('lists.export.again', { file: done.file });
    const hint = options.hint?.() ?? '';
    fill(
      root,
      h('button', { type: 'button', 'data-testid': options.testid, disabled: busy, 'aria-busy': String(busy), onclick: () => void run() }, busy ? t('lists.export.exporting') : options.label()),
      hint && h('p', { class: 'muted small', 'data-testid': `${options.testid}-hint` }, hint),
      h(
        'div',
        { 'aria-live': 'polite' },
        done && !busy && h('p', { class: 'small', role: 'status', 'data-testid': 'export-done' }, plural('lists.export.done', done.count, { file: done.file }), ' ', link),
      ),
      error && h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, error)),
    );
  }

  return {
    render() {
      paint();
      return root;
    },
  };
}

/** "Export a table": a table picker and a CSV button. */
export function tableExporter(): { render(): HTMLElement } {
  let table: string = TABLES[0].name;
  const exportIt = exporter({
    testid: 'export-table',
    label: () => t('lists.export.table_button'),
    request: () => call('exportRows', { table }),
  });
  return {
    render() {
      const picker = h(
        'select',
        {
          id: 'export-table-name',
          'data-testid': 'export-table-name',
          onchange: (e) => {
            table = (e.target as HTMLSelectElement).value;
          },
        },
        TABLES.map((def) => h('option', { value: def.name, selected: def.name === table }, def.name)),
      );
      return h(
        'section',
        { class: 'panel-section', 'aria-labelledby': 'export-title', 'data-testid': 'export-section' },
        h('h2', { id: 'export-title' }, t('lists.export.title')),
        h('p', { class: 'muted small' }, t('lists.export.help')),
        h('div', { class: 'field' }, h('label', { for: 'export-table-name' }, t('lists.export.table')), picker),
        exportIt.render(),
      );
    },
  };
}
