/** Pieces of the import screen: the file's settings (encoding, separator, dates), the column mapping,
 *  the counts, the rows with a problem, and what an undo did. */
import type { ColumnMapping } from '../../src/core/import/headers';
import type { ImportReport } from '../../src/services/imports/imports';
import type { UndoReport } from '../../src/services/imports/import-undo';
import { h } from '../dom';
import { t, uiLocale } from '../i18n';
import type { MessageKey } from '../i18n';
import { targetName } from './field-names';
import { csvDownloadText, csvFileName, downloadLink } from '../download';
import { DATE_ORDERS, DateOrderChoice, DELIMITER_CHOICES, delimiterName, ENCODINGS, IMPORT_MODES, ImportChoices, ImportMode, invalidRows, TargetGroup, targetGroups } from './import-options';

/** At most this many problem rows are listed; the count of the others follows. */
export const MAX_LISTED_PROBLEMS = 100;

export function number(n: number): string {
  return new Intl.NumberFormat(uiLocale()).format(n);
}

const GROUP_LABELS: Record<TargetGroup, MessageKey> = {
  contact: 'lists.group.contact',
  membership: 'lists.group.membership',
  donation: 'lists.group.donation',
  other: 'lists.group.other',
};

const MODE_LABELS: Record<ImportMode, { label: MessageKey; help: MessageKey }> = {
  skip: { label: 'lists.mode.skip', help: 'lists.mode.skip_help' },
  update: { label: 'lists.mode.update', help: 'lists.mode.update_help' },
  fill: { label: 'lists.mode.fill', help: 'lists.mode.fill_help' },
  none: { label: 'lists.mode.none', help: 'lists.mode.none_help' },
};

const DELIMITER_LABELS: Record<ReturnType<typeof delimiterName>, MessageKey> = {
  comma: 'lists.delimiter.comma',
  semicolon: 'lists.delimiter.semicolon',
  tab: 'lists.delimiter.tab',
  pipe: 'lists.delimiter.pipe',
  other: 'lists.delimiter.other',
};

const DATE_ORDER_LABELS: Record<DateOrderChoice, MessageKey> = {
  '': 'lists.date_order.auto',
  dmy: 'lists.date_order.dmy',
  mdy: 'lists.date_order.mdy',
  ymd: 'lists.date_order.ymd',
};

function labelled(id: string, label: string, control: HTMLElement): HTMLElement {
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

const detected = (label: string, isDetected: boolean) => (isDetected ? t('lists.import.detected', { value: label }) : label);

/** Encoding, separator and date order: the detected ones shown as such; a change reads the file again. */
export function fileSettings(
  preview: Pick<ImportReport, 'encoding' | 'delimiter'>,
  choices: ImportChoices,
  busy: boolean,
  on: { encoding(value: string): void; delimiter(value: string): void; dateOrder(value: DateOrderChoice): void },
): HTMLElement {
  const encoding = choices.encoding || preview.encoding;
  const delimiter = choices.delimiter || preview.delimiter;
  const encodings: string[] = ENCODINGS.includes(encoding as never) ? [...ENCODINGS] : [...ENCODINGS, encoding];
  const delimiters: string[] = (DELIMITER_CHOICES as readonly string[]).includes(delimiter) ? [...DELIMITER_CHOICES] : [...DELIMITER_CHOICES, delimiter];
  return h(
    'div',
    { class: 'import-settings' },
    h(
      'div',
      null,
      labelled(
        'import-encoding',
        t('lists.import.encoding'),
        h(
          'select',
          { 'data-testid': 'import-encoding', disabled: busy, onchange: (e) => on.encoding((e.target as HTMLSelectElement).value) },
          encodings.map((value) => h('option', { value, selected: value === encoding }, detected(value.toUpperCase(), !choices.encoding && value === preview.encoding))),
        ),
      ),
      labelled(
        'import-delimiter',
        t('lists.import.delimiter'),
        h(
          'select',
          { 'data-testid': 'import-delimiter', disabled: busy, onchange: (e) => on.delimiter((e.target as HTMLSelectElement).value) },
          delimiters.map((value) =>
            h('option', { value, selected: value === delimiter }, detected(t(DELIMITER_LABELS[delimiterName(value)], { value }), !choices.delimiter && value === preview.delimiter)),
          ),
        ),
      ),
    ),
    labelled(
      'import-date-order',
      t('lists.import.date_order'),
      h(
        'select',
        { 'data-testid': 'import-date-order', disabled: busy, onchange: (e) => on.dateOrder((e.target as HTMLSelectElement).value as DateOrderChoice) },
        DATE_ORDERS.map((value) => h('option', { value, selected: value === choices.dateOrder }, t(DATE_ORDER_LABELS[value]))),
      ),
    ),
  );
}

/** The columns of the file and where each goes, a choice list per column. A guessed or unrecognised
 *  column is marked until the person picks its place. */
export function mappingTable(mapping: readonly ColumnMapping[], edits: Readonly<Record<string, string>>, busy: boolean, onPick: (header: string, target: string) => void): HTMLElement {
  const groups = targetGroups();
  const rows = mapping.map((m, index) => {
    const edited = Object.prototype.hasOwnProperty.call(edits, m.header);
    const target = edited ? edits[m.header] : m.target;
    const mark = edited ? '' : m.confidence;
    const known = groups.some((g) => g.targets.includes(target));
    const id = `mapping-${index}`;
    return h(
      'tr',
      { class: mark ? `mapping-row ${mark}` : 'mapping-row', 'data-testid': 'mapping-row', 'data-header': m.header, 'data-confidence': mark || 'confirmed' },
      h(
        'th',
        { scope: 'row' },
        h('label', { for: id, class: 'column-name' }, m.header || t('lists.import.unnamed')),
        mark === 'guess' && h('span', { class: 'badge warn', 'data-testid': 'mapping-mark' }, t('lists.import.guess')),
        mark === 'none' && h('span', { class: 'badge warn', 'data-testid': 'mapping-mark' }, t('lists.import.unknown')),
        // An identity the engine will not guess: proposed, used only once the person picks it.
        !edited && m.suggestion && h('p', { class: 'muted small', 'data-testid': 'mapping-suggestion' }, t('lists.import.suggested', { target: targetName(m.suggestion) })),
      ),
      h(
        'td',
        null,
        h(
          'select',
          {
            id,
            'data-testid': 'mapping-select',
            'data-header': m.header,
            disabled: busy,
            onchange: (e) => onPick(m.header, (e.target as HTMLSelectElement).value),
          },
          !known && h('option', { value: target, selected: true }, target),
          groups.map((g) =>
            h(
              'optgroup',
              { label: t(GROUP_LABELS[g.group]) },
              g.targets.map((value) => h('option', { value, selected: value === target }, targetName(value))),
            ),
          ),
        ),
      ),
    );
  });
  return h(
    'table',
    { class: 'mapping', 'data-testid': 'mapping' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('lists.import.column')), h('th', { scope: 'col' }, t('lists.import.goes_to')))),
    h('tbody', null, rows),
  );
}

/** What to do with rows matching a contact already in the CRM, and what that means. */
export function modePicker(mode: ImportMode, busy: boolean, onPick: (mode: ImportMode) => void): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: 'import-mode' }, t('lists.import.mode')),
    h(
      'select',
      { id: 'import-mode', 'data-testid': 'import-mode', 'aria-describedby': 'import-mode-help', disabled: busy, onchange: (e) => onPick((e.target as HTMLSelectElement).value as ImportMode) },
      IMPORT_MODES.map((value) => h('option', { value, selected: value === mode }, t(MODE_LABELS[value].label))),
    ),
    h('p', { id: 'import-mode-help', class: 'muted small', 'data-testid': 'import-mode-help' }, t(MODE_LABELS[mode].help)),
  );
}

type CountsOf = Pick<ImportReport, 'rows' | 'created' | 'updated' | 'skipped' | 'duplicates_in_file' | 'mode' | 'dry_run'>;

/** Rows, new, matched, repeated in the file, invalid: as a preview ("will be") or as done. */
export function countsList(report: CountsOf, testid: string): HTMLElement {
  const item = (name: string, label: MessageKey, value: number) => [h('dt', null, t(label)), h('dd', { 'data-count': name }, number(value))];
  const preview = report.dry_run;
  return h(
    'dl',
    { class: 'details counts', 'data-testid': testid },
    item('rows', 'lists.count.rows', report.rows),
    item('created', preview ? 'lists.count.new' : 'lists.count.created', report.created),
    report.mode !== 'none' && report.mode !== 'skip' && item('updated', preview ? 'lists.count.will_update' : 'lists.count.updated', report.updated),
    report.mode !== 'none' && item('skipped', preview ? 'lists.count.will_skip' : 'lists.count.skipped', report.skipped),
    report.mode !== 'none' && item('duplicates_in_file', 'lists.count.in_file', report.duplicates_in_file),
    item('invalid', 'lists.count.invalid', invalidRows(report)),
  );
}

/** What the preview must say before anything is written: many rows collapsing into duplicates inside
 *  the file (in red, naming the column), cells kept as typed, and the rows with problems to download. */
export function fileWarnings(report: Pick<ImportReport, 'duplicates_warning' | 'warnings' | 'problem_rows' | 'file'>, testid: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (report.duplicates_warning) out.push(h('p', { class: 'error', role: 'alert', 'data-testid': 'import-duplicates-warning' }, report.duplicates_warning));
  const warned = problemsList(report.warnings, `${testid}-warning`, t('lists.import.warnings', { count: number(report.warnings.length) }));
  if (warned) out.push(warned);
  if (report.problem_rows?.length > 1) {
    const name = csvFileName(`${report.file.replace(/\.[^.]*$/, '')} problems`, '');
    out.push(h('p', { class: 'small' }, downloadLink(csvDownloadText(report.problem_rows), name, t('lists.import.download_problems'), { 'data-testid': 'import-problems-download' })));
  }
  return out;
}

/** Each problem with its line and column, the first MAX_LISTED_PROBLEMS of them. */
export function problemsList(errors: ImportReport['errors'], testid: string, title = t('lists.import.problems')): HTMLElement | null {
  if (!errors.length) return null;
  const shown = errors.slice(0, MAX_LISTED_PROBLEMS);
  return h(
    'div',
    { class: 'problems' },
    h('h3', null, title),
    h(
      'ul',
      { class: 'card-list compact' },
      shown.map((e) =>
        h(
          'li',
          { 'data-testid': testid, 'data-line': e.row, 'data-column': e.column },
          h('span', { class: 'problem-where' }, e.column ? t('lists.import.line_column', { line: number(e.row), column: e.column }) : t('lists.import.line', { line: number(e.row) })),
          ' ',
          e.message,
        ),
      ),
    ),
    errors.length > shown.length && h('p', { class: 'muted small' }, t('lists.import.more_problems', { count: number(errors.length - shown.length) })),
  );
}

/** What undoing the import did; contacts changed since are named, to be looked at. */
export function undoSummary(report: UndoReport, onOpen: (id: string) => void): HTMLElement {
  return h(
    'div',
    { class: 'undo-result', 'data-testid': 'undo-result' },
    h('p', { class: 'notice', role: 'status' }, t('lists.undo.done')),
    h(
      'dl',
      { class: 'details counts' },
      h('dt', null, t('lists.undo.removed')),
      h('dd', { 'data-count': 'removed' }, number(report.removed)),
      h('dt', null, t('lists.undo.restored')),
      h('dd', { 'data-count': 'restored' }, number(report.restored)),
      h('dt', null, t('lists.undo.kept')),
      h('dd', { 'data-count': 'kept' }, number(report.kept.length)),
    ),
    report.kept.length > 0 &&
      h(
        'div',
        null,
        h('p', { class: 'small' }, t('lists.undo.kept_help')),
        h(
          'ul',
          { class: 'card-list compact' },
          report.kept.map((k) => h('li', null, h('button', { type: 'button', class: 'link-button', 'data-testid': 'undo-kept', 'data-id': k.id, onclick: () => onOpen(k.id) }, k.id))),
        ),
      ),
  );
}
