/** Pieces of the import screen, as Preact components: the file's settings (encoding, separator,
 *  dates), the column mapping, the counts, the rows with a problem, and what an undo did. */
import type { ColumnMapping } from '../../src/core/import/headers';
import type { ImportReport } from '../../src/services/imports/imports';
import type { UndoReport } from '../../src/services/imports/import-undo';
import { useMemo } from 'preact/hooks';
import { t, uiLocale } from '../i18n';
import type { MessageKey } from '../i18n';
import { targetName } from './field-names';
import { csvDownloadText, csvFileName, latestAddress } from '../download';
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

const detected = (label: string, isDetected: boolean) => (isDetected ? t('lists.import.detected', { value: label }) : label);

const picked = (e: Event) => (e.target as HTMLSelectElement).value;

/** Encoding, separator and date order: the detected ones shown as such; a change reads the file again. */
export function FileSettings({
  preview,
  choices,
  busy,
  on,
}: {
  preview: Pick<ImportReport, 'encoding' | 'delimiter'>;
  choices: ImportChoices;
  busy: boolean;
  on: { encoding(value: string): void; delimiter(value: string): void; dateOrder(value: DateOrderChoice): void };
}) {
  const encoding = choices.encoding || preview.encoding;
  const delimiter = choices.delimiter || preview.delimiter;
  const encodings: string[] = ENCODINGS.includes(encoding as never) ? [...ENCODINGS] : [...ENCODINGS, encoding];
  const delimiters: string[] = (DELIMITER_CHOICES as readonly string[]).includes(delimiter) ? [...DELIMITER_CHOICES] : [...DELIMITER_CHOICES, delimiter];
  return (
    <div class="import-settings">
      <div>
        <div class="field">
          <label for="import-encoding">{t('lists.import.encoding')}</label>
          <select id="import-encoding" data-testid="import-encoding" disabled={busy} value={encoding} onChange={(e) => on.encoding(picked(e))}>
            {encodings.map((value) => (
              <option key={value} value={value}>
                {detected(value.toUpperCase(), !choices.encoding && value === preview.encoding)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="import-delimiter">{t('lists.import.delimiter')}</label>
          <select id="import-delimiter" data-testid="import-delimiter" disabled={busy} value={delimiter} onChange={(e) => on.delimiter(picked(e))}>
            {delimiters.map((value) => (
              <option key={value} value={value}>
                {detected(t(DELIMITER_LABELS[delimiterName(value)], { value }), !choices.delimiter && value === preview.delimiter)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="field">
        <label for="import-date-order">{t('lists.import.date_order')}</label>
        <select id="import-date-order" data-testid="import-date-order" disabled={busy} value={choices.dateOrder} onChange={(e) => on.dateOrder(picked(e) as DateOrderChoice)}>
          {DATE_ORDERS.map((value) => (
            <option key={value} value={value}>
              {t(DATE_ORDER_LABELS[value])}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** The columns of the file and where each goes, a choice list per column. A guessed or unrecognised
 *  column is marked until the person picks its place. */
export function MappingTable({
  mapping,
  edits,
  busy,
  onPick,
}: {
  mapping: readonly ColumnMapping[];
  edits: Readonly<Record<string, string>>;
  busy: boolean;
  onPick(header: string, target: string): void;
}) {
  const groups = targetGroups();
  return (
    <table class="mapping" data-testid="mapping">
      <thead>
        <tr>
          <th scope="col">{t('lists.import.column')}</th>
          <th scope="col">{t('lists.import.goes_to')}</th>
        </tr>
      </thead>
      <tbody>
        {mapping.map((m, index) => {
          const edited = Object.prototype.hasOwnProperty.call(edits, m.header);
          const target = edited ? edits[m.header] : m.target;
          const mark = edited ? '' : m.confidence;
          const known = groups.some((g) => g.targets.includes(target));
          const id = `mapping-${index}`;
          return (
            <tr key={index} class={mark ? `mapping-row ${mark}` : 'mapping-row'} data-testid="mapping-row" data-header={m.header} data-confidence={mark || 'confirmed'}>
              <th scope="row">
                <label for={id} class="column-name">
                  {m.header || t('lists.import.unnamed')}
                </label>
                {mark === 'guess' && (
                  <span class="badge warn" data-testid="mapping-mark">
                    {t('lists.import.guess')}
                  </span>
                )}
                {mark === 'none' && (
                  <span class="badge warn" data-testid="mapping-mark">
                    {t('lists.import.unknown')}
                  </span>
                )}
                {/* An identity the engine will not guess: proposed, used only once the person picks it. */}
                {!edited && m.suggestion && (
                  <p class="muted small" data-testid="mapping-suggestion">
                    {t('lists.import.suggested', { target: targetName(m.suggestion) })}
                  </p>
                )}
              </th>
              <td>
                <select id={id} data-testid="mapping-select" data-header={m.header} disabled={busy} value={target} onChange={(e) => onPick(m.header, picked(e))}>
                  {!known && <option value={target}>{target}</option>}
                  {groups.map((g) => (
                    <optgroup key={g.group} label={t(GROUP_LABELS[g.group])}>
                      {g.targets.map((value) => (
                        <option key={value} value={value}>
                          {targetName(value)}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** What to do with rows matching a contact already in the CRM, and what that means. */
export function ModePicker({ mode, busy, onPick }: { mode: ImportMode; busy: boolean; onPick(mode: ImportMode): void }) {
  return (
    <div class="field">
      <label for="import-mode">{t('lists.import.mode')}</label>
      <select id="import-mode" data-testid="import-mode" aria-describedby="import-mode-help" disabled={busy} value={mode} onChange={(e) => onPick(picked(e) as ImportMode)}>
        {IMPORT_MODES.map((value) => (
          <option key={value} value={value}>
            {t(MODE_LABELS[value].label)}
          </option>
        ))}
      </select>
      <p id="import-mode-help" class="muted small" data-testid="import-mode-help">
        {t(MODE_LABELS[mode].help)}
      </p>
    </div>
  );
}

type CountsOf = Pick<ImportReport, 'rows' | 'created' | 'updated' | 'skipped' | 'duplicates_in_file' | 'mode' | 'dry_run'>;

/** Rows, new, matched, repeated in the file, invalid: as a preview ("will be") or as done. */
export function CountsList({ report, testid }: { report: CountsOf; testid: string }) {
  const preview = report.dry_run;
  const item = (name: string, label: MessageKey, value: number) => [
    <dt key={`${name}-label`}>{t(label)}</dt>,
    <dd key={name} data-count={name}>
      {number(value)}
    </dd>,
  ];
  return (
    <dl class="details counts" data-testid={testid}>
      {item('rows', 'lists.count.rows', report.rows)}
      {item('created', preview ? 'lists.count.new' : 'lists.count.created', report.created)}
      {report.mode !== 'none' && report.mode !== 'skip' && item('updated', preview ? 'lists.count.will_update' : 'lists.count.updated', report.updated)}
      {report.mode !== 'none' && item('skipped', preview ? 'lists.count.will_skip' : 'lists.count.skipped', report.skipped)}
      {report.mode !== 'none' && item('duplicates_in_file', 'lists.count.in_file', report.duplicates_in_file)}
      {item('invalid', 'lists.count.invalid', invalidRows(report))}
    </dl>
  );
}

/** What the preview must say before anything is written: many rows collapsing into duplicates inside
 *  the file (in red, naming the column), cells kept as typed, and the rows with problems to download. */
export function FileWarnings({ report, testid }: { report: Pick<ImportReport, 'duplicates_warning' | 'warnings' | 'problem_rows' | 'file'>; testid: string }) {
  return (
    <>
      {report.duplicates_warning && (
        <p class="error" role="alert" data-testid="import-duplicates-warning">
          {report.duplicates_warning}
        </p>
      )}
      <ProblemsList errors={report.warnings} testid={`${testid}-warning`} title={t('lists.import.warnings', { count: number(report.warnings.length) })} />
      {report.problem_rows?.length > 1 && <ProblemRowsLink report={report} />}
    </>
  );
}

/** The rows with problems, to download as CSV (the link's address made once per file shown). */
function ProblemRowsLink({ report }: { report: Pick<ImportReport, 'problem_rows' | 'file'> }) {
  const href = useMemo(() => latestAddress(csvDownloadText(report.problem_rows)), [report]);
  const name = csvFileName(`${report.file.replace(/\.[^.]*$/, '')} problems`, '');
  return (
    <p class="small">
      <a data-testid="import-problems-download" href={href} download={name} target="_blank" rel="noopener">
        {t('lists.import.download_problems')}
      </a>
    </p>
  );
}

/** Each problem with its line and column, the first MAX_LISTED_PROBLEMS of them. */
export function ProblemsList({ errors, testid, title = t('lists.import.problems') }: { errors: ImportReport['errors']; testid: string; title?: string }) {
  if (!errors.length) return null;
  const shown = errors.slice(0, MAX_LISTED_PROBLEMS);
  return (
    <div class="problems">
      <h3>{title}</h3>
      <ul class="card-list compact">
        {shown.map((e, i) => (
          <li key={i} data-testid={testid} data-line={e.row} data-column={e.column}>
            <span class="problem-where">{e.column ? t('lists.import.line_column', { line: number(e.row), column: e.column }) : t('lists.import.line', { line: number(e.row) })}</span> {e.message}
          </li>
        ))}
      </ul>
      {errors.length > shown.length && <p class="muted small">{t('lists.import.more_problems', { count: number(errors.length - shown.length) })}</p>}
    </div>
  );
}

/** What undoing the import did; contacts changed since are named, to be looked at. */
export function UndoSummary({ report, onOpen }: { report: UndoReport; onOpen(id: string): void }) {
  return (
    <div class="undo-result" data-testid="undo-result">
      <p class="notice" role="status">
        {t('lists.undo.done')}
      </p>
      <dl class="details counts">
        <dt>{t('lists.undo.removed')}</dt>
        <dd data-count="removed">{number(report.removed)}</dd>
        <dt>{t('lists.undo.restored')}</dt>
        <dd data-count="restored">{number(report.restored)}</dd>
        <dt>{t('lists.undo.kept')}</dt>
        <dd data-count="kept">{number(report.kept.length)}</dd>
      </dl>
      {report.kept.length > 0 && (
        <div>
          <p class="small">{t('lists.undo.kept_help')}</p>
          <ul class="card-list compact">
            {report.kept.map((k) => (
              <li key={k.id}>
                <button type="button" class="link-button" data-testid="undo-kept" data-id={k.id} onClick={() => onOpen(k.id)}>
                  {k.id}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
