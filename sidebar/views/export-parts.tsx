/** Export buttons: ask the server for rows (exportRows), write them as CSV and download the file; the
 *  link stays as "Download again". Used by the contact search (its results), a segment (its members)
 *  and the Import screen (a whole table). Preact components (see sidebar/components). */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExportedTable } from '../../src/services/imports/export';
import { TABLES } from '../../src/core/schema/tables';
import { csvDownloadText, csvFileName, latestAddress, startDownload } from '../download';
import { localDay } from '../format';
import { errorText, plural, t } from '../i18n';
import { call } from '../server';
import { Failed } from '../components/said';

interface ExporterProps {
  /** data-testid of the button. */
  testid: string;
  label: string;
  /** Asks for the rows (read when the button is pressed: the search as it is then). */
  request(): Promise<ExportedTable>;
}

export function Exporter({ testid, label, request }: ExporterProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  /** The last file made: its name, its rows, its address; `fresh` until its download has started. */
  const [done, setDone] = useState<{ file: string; count: number; href: string; fresh: boolean } | null>(null);
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (!done?.fresh || !link.current) return;
    startDownload(link.current);
    setDone({ ...done, fresh: false });
  }, [done]);

  const run = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const table = await request();
      const file = csvFileName(table.name, localDay(new Date()));
      setDone({ file, count: Math.max(0, table.rows.length - 1), href: latestAddress(csvDownloadText(table.rows)), fresh: true });
    } catch (e) {
      setError(errorText(e));
    }
    setBusy(false);
  };

  return (
    <div class="exporter">
      <button type="button" data-testid={testid} disabled={busy} aria-busy={busy} onClick={() => void run()}>
        {busy ? t('lists.export.exporting') : label}
      </button>
      <div aria-live="polite">
        {done && !busy && (
          <p class="small" role="status" data-testid="export-done">
            {plural('lists.export.done', done.count, { file: done.file })}{' '}
            <a ref={link} class="small" data-testid="export-link" href={done.href} download={done.file} target="_blank" rel="noopener">
              {t('lists.export.again', { file: done.file })}
            </a>
          </p>
        )}
      </div>
      <Failed error={error} />
    </div>
  );
}

/** "Export a table": a table picker and a CSV button. */
export function TableExporter() {
  const [table, setTable] = useState<string>(TABLES[0].name);
  return (
    <section class="panel-section" aria-labelledby="export-title" data-testid="export-section">
      <h2 id="export-title">{t('lists.export.title')}</h2>
      <p class="muted small">{t('lists.export.help')}</p>
      <div class="field">
        <label for="export-table-name">{t('lists.export.table')}</label>
        <select id="export-table-name" data-testid="export-table-name" value={table} onChange={(e) => setTable((e.target as HTMLSelectElement).value)}>
          {TABLES.map((def) => (
            <option key={def.name} value={def.name}>
              {def.name}
            </option>
          ))}
        </select>
      </div>
      <Exporter testid="export-table" label={t('lists.export.table_button')} request={() => call('exportRows', { table })} />
    </section>
  );
}
