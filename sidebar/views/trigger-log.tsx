/** Trigger points under the segments: the rules (trigger-rules.ts: listed, and for editors added,
 *  changed and deleted), what they did lately (who entered which rule's segment, and what was done),
 *  and for editors "Run now" with the rules' problems (a rule naming a missing segment, a broken row)
 *  in words. A Preact component (see sidebar/components), under the Segments tab's list. */
import { useState } from 'preact/hooks';
import { moment, t } from '../i18n';
import { call } from '../server';
import { useAct, useRead } from '../components/server-hooks';
import { TriggerRules } from './trigger-rules';
import type { TriggerLogView as LogEntry, TriggerRun as RunReport } from '../../src/services/points/trigger-points';
import { Failed } from '../components/said';

const SHOWN = 20;

export function TriggerLog({ editable, onOpen }: { editable: boolean; onOpen(id: string): void }) {
  /** Runs so far: a run reads the log and the rules again (a segment's problems may have changed). */
  const [runs, setRuns] = useState(0);
  const [report, setReport] = useState<RunReport | null>(null);
  const log = useRead(() => call('triggerLog', { limit: SHOWN }), runs);
  const act = useAct(async () => setRuns((n) => n + 1));
  const run = () =>
    act.run('run', async () => {
      setReport(await call('runTriggerPoints', {}));
      return '';
    });
  const entries: LogEntry[] | undefined = log.data?.entries;
  const problems = (report?.rules ?? []).flatMap((r) => r.errors.map((message) => ({ rule: r.name, message })));
  const error = act.error || log.error;
  return (
    <section class="trigger-log" data-testid="trigger-log">
      <h2>{t('builder.points.title')}</h2>
      <p class="muted small">{t('builder.points.hint')}</p>
      <TriggerRules editable={editable} asked={runs} />
      {editable && (
        <button type="button" data-testid="trigger-run" disabled={act.busy !== ''} onClick={() => void run()}>
          {act.busy ? t('common.loading') : t('builder.points.run')}
        </button>
      )}
      {report && (
        <p class="notice" role="status" data-testid="trigger-report">
          {t('builder.points.report', { fired: report.fired, closed: report.closed })}
        </p>
      )}
      {problems.length > 0 && (
        <ul class="error" data-testid="trigger-problems">
          {problems.map((p, i) => (
            <li key={i}>{`${p.rule}: ${p.message}`}</li>
          ))}
        </ul>
      )}
      <Failed error={error} />
      {entries && <h3>{t('builder.rules.latest')}</h3>}
      {entries && (
        <ul class="card-list compact" data-testid="trigger-entries">
          {entries.length ? (
            entries.map((e, i) => (
              <li key={i} data-testid="trigger-entry">
                <button type="button" class="link-button" onClick={() => onOpen(e.contact_id)}>
                  {e.contact_name || e.contact_id}
                </button>
                {' · '}
                {/* A deleted rule's firings stay in the log, known by the rule's id only. */}
                {e.rule_name || e.rule}
                <div class="small muted">
                  {moment(e.entered_at)}
                  {e.outcome && e.outcome !== 'done' ? ` · ${e.outcome}` : ''}
                </div>
              </li>
            ))
          ) : (
            <li class="muted">{t('builder.points.none')}</li>
          )}
        </ul>
      )}
    </section>
  );
}
