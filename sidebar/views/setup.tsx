/** The spreadsheet is not set up yet: say so and offer to run Set up (the server decides who may). */
import { useRef, useState } from 'preact/hooks';
import type { SetupReport } from '../../src/services/setup';
import { errorText, roleName, t } from '../i18n';
import { call } from '../server';
import type { View } from '../session';
import { componentView } from '../components/mount';
import { Failed } from '../components/said';
import { AppTitle, Loading } from './status';

function SetUp({ onDone }: { onDone: (report: SetupReport) => void }) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState('');
  /** Set at once (a double click's second click comes before the button is drawn disabled). */
  const started = useRef(false);
  const run = async () => {
    if (started.current) return;
    started.current = true;
    setRunning(true);
    setError('');
    try {
      const report = await call('setUp', {});
      onDone(report);
    } catch (e) {
      setError(errorText(e));
    }
    started.current = false;
    setRunning(false);
  };
  return (
    <>
      <AppTitle />
      <section class="panel" data-testid="setup">
        <p data-testid="setup-needed">{t('setup.needed')}</p>
        <div class="buttons">
          <button type="button" class="action" disabled={running} aria-busy={running} data-testid="setup-run" onClick={() => void run()}>
            {t('setup.run')}
          </button>
        </div>
        {running && <Loading />}
        <Failed error={error} />
      </section>
    </>
  );
}

export function setupView(host: HTMLElement, onDone: (report: SetupReport) => void): View {
  return componentView(host, () => <SetUp onDone={onDone} />);
}

/** "The CRM is ready: 9 tables created, 0 columns added. You are admin." */
export function setupDoneText(report: SetupReport): string {
  const columns = report.columnsAdded.reduce((sum, added) => sum + added.columns.length, 0);
  return t('setup.done', { created: report.tablesCreated.length, columns, role: roleName(report.role) });
}
