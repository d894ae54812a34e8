/** Duplicates: Find duplicates lists the likely pairs, most alike first, with both names and how alike
 *  they are. Opening a pair compares the two contacts field by field; an editor picks the values to keep
 *  and the contact that stays, then merges (which Undo takes back), or says they are not the same person
 *  (never proposed again). Viewers see the same, read-only. A Preact component (see sidebar/components). */
import type { PairScore } from '../../src/core/dedupe/engine';
import type { DuplicateReport } from '../../src/services/dedupe/duplicates';
import type { ContactCard } from '../../src/services/views';
import { useRef, useState } from 'preact/hooks';
import { errorText, plural, t, uiLocale } from '../i18n';
import { call } from '../server';
import { canEdit, Session, View } from '../session';
import { shownTab, type Shown } from '../components/mount';
import { useAgain } from '../components/server-hooks';
import { useFocusLater } from '../components/focus-later';
import { choicesFromRadios, compareRows, CompareTable, defaultPicks, Side } from './duplicates-compare';
import { comparedFieldName } from './field-names';
import { Failed } from '../components/said';

/** Pairs shown at first and added by Show more (each needs its two names from the server). */
export const PAIR_PAGE = 15;
/** Names asked for at once. */
const PARALLEL_CARDS = 4;

export interface DuplicatesView extends View {
  refresh(notice?: string): void;
}

interface OpenPair {
  pair: PairScore;
  keep: Side;
  /** Field → the id whose value stays; `touched`: fields the person chose (a new survivor leaves them). */
  picks: Record<string, string> | null;
  touched: Set<string>;
  /** The two contacts as they are now (asked again when the pair opens). */
  cards?: Record<Side, ContactCard>;
  loading: boolean;
  error: string;
}

/** What the list says when the server answered with only the most alike pairs (see MAX_PAIRS). */
export function pairsTruncated(shown: number, total: number): string {
  return t('lists.dupes.most_alike', { shown, total });
}

/** 0.923 → '92%' ('92 %' in French). */
export function scorePercent(score: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(score);
}

/** The fields on which the two agree fully, in words. */
export function agreeingFields(pair: Pick<PairScore, 'fields'>): string[] {
  return Object.entries(pair.fields)
    .filter(([, agreement]) => agreement >= 0.999)
    .map(([field]) => comparedFieldName(field));
}

export function duplicatesView(host: HTMLElement, session: Session, handlers: { onOpen(id: string): void }): DuplicatesView {
  // Each refresh (back from a card opened here) reads the open pair again, with the message it brings.
  return shownTab(host, (shown) => <Duplicates {...shown} editable={canEdit(session.role)} onOpen={handlers.onOpen} />);
}

type Busy = '' | 'merge' | 'not' | 'undo';

/** `unsaved`: a pair is open with fields the person chose (the sidebar then stays on it). */
interface Props extends Shown {
  editable: boolean;
  onOpen(id: string): void;
}

function Duplicates({ asked, notice: given, editable, onOpen, unsaved }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [report, setReport] = useState<DuplicateReport | null>(null);
  const [pairs, setPairs] = useState<PairScore[]>([]);
  const [shown, setShown] = useState(PAIR_PAGE);
  const [finding, setFinding] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [lastMerge, setLastMerge] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>('');
  const [open, setOpen] = useState<OpenPair | null>(null);
  const seq = useRef(0);
  const focusLater = useFocusLater(root);
  unsaved.now = open !== null && open.touched.size > 0;
  const names = useCardNames(report);

  // Back from a card opened here: its values may have changed.
  useAgain(asked, () => {
    if (given !== undefined) setNotice(given);
    if (open) void openPair(open.pair, open);
  });

  async function find(keepNotice = false): Promise<void> {
    const mine = ++seq.current;
    setFinding(true);
    setError('');
    if (!keepNotice) {
      setNotice('');
      setLastMerge(null);
    }
    try {
      const answer = await call('findDuplicates', {});
      if (mine !== seq.current) return;
      setReport(answer);
      setPairs([...answer.pairs].sort((x, y) => y.score - x.score));
      setShown(PAIR_PAGE);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(errorText(e));
    }
    setFinding(false);
  }

  /** Opens a pair, or reads an open one again (`again`: the person's choices are kept). */
  async function openPair(pair: PairScore, again?: OpenPair): Promise<void> {
    const mine: OpenPair = { ...(again ?? { pair, keep: 'left', picks: null, touched: new Set<string>(), error: '' }), loading: true };
    setOpen(mine);
    if (!again) focusLater('[data-testid="compare"] h1');
    const settled: OpenPair = { ...mine, loading: false };
    try {
      // Fresh cards: the list's may be older than a change made since.
      const [left, right] = await Promise.all([call('getContactCard', { id: pair.a }), call('getContactCard', { id: pair.b })]);
      names.know(left, right);
      const picks = defaultPicks(compareRows(left.contact, right.contact), { left: pair.a, right: pair.b }, mine.keep);
      for (const field of mine.touched) if (mine.picks?.[field] && picks[field]) picks[field] = mine.picks[field];
      settled.picks = picks;
      settled.cards = { left, right };
    } catch (e) {
      settled.error = errorText(e);
    }
    setOpen((now) => (now?.pair === pair ? settled : now));
  }

  function close(pair: PairScore): void {
    setOpen(null);
    focusLater(`[data-testid="duplicate-pair"][data-a=${JSON.stringify(pair.a)}][data-b=${JSON.stringify(pair.b)}]`);
  }

  function chooseKeep(side: Side): void {
    if (!open?.cards) return;
    const picks = defaultPicks(compareRows(open.cards.left.contact, open.cards.right.contact), { left: open.pair.a, right: open.pair.b }, side);
    for (const field of open.touched) if (open.picks?.[field]) picks[field] = open.picks[field];
    setOpen({ ...open, keep: side, picks });
  }

  function pick(field: string, id: string): void {
    if (!open?.picks) return;
    setOpen({ ...open, picks: { ...open.picks, [field]: id }, touched: new Set([...open.touched, field]) });
  }

  /** One change at a time; a refusal is said where the person is (the pair, or the list). */
  async function act<T>(name: Busy, run: () => Promise<T>, after: (result: T) => void): Promise<boolean> {
    if (busy) return false;
    setBusy(name);
    setError('');
    if (open) setOpen({ ...open, error: '' });
    let done = false;
    try {
      after(await run());
      done = true;
    } catch (e) {
      if (open) setOpen((now) => now && { ...now, error: errorText(e) });
      else setError(errorText(e));
    }
    setBusy('');
    return done;
  }

  function merge(o: OpenPair): void {
    const keep = o.keep === 'left' ? o.pair.a : o.pair.b;
    const other = keep === o.pair.a ? o.pair.b : o.pair.a;
    // What is sent is what the radios show.
    const choices = choicesFromRadios(root.current?.querySelectorAll<HTMLInputElement>('[data-testid="pick-value"]') ?? []);
    const said = { name: names.of(keep), other: names.of(other) };
    void act(
      'merge',
      () => call('mergeContacts', { keep, others: [other], choices }),
      (result) => {
        // The merged contact is gone from every pair; the survivor's values changed.
        setPairs((all) => all.filter((p) => p.a !== other && p.b !== other));
        names.forget(keep, other);
        setNotice(t('lists.compare.merged', said));
        setLastMerge(result.merge);
        setOpen(null);
      },
    ).then((done) => focusLater(done ? '[data-testid="merge-undo"]' : '[data-testid="merge-pair"]'));
  }

  function notDuplicate(o: OpenPair): void {
    const said = { a: names.of(o.pair.a), b: names.of(o.pair.b) };
    void act(
      'not',
      () => call('markNotDuplicate', { a: o.pair.a, b: o.pair.b }),
      () => {
        setPairs((all) => all.filter((p) => !(p.a === o.pair.a && p.b === o.pair.b)));
        setNotice(t('lists.compare.marked', said));
        setLastMerge(null);
        setOpen(null);
        focusLater('[data-testid="notice"]');
      },
    );
  }

  function undoMerge(): void {
    const merge = lastMerge;
    if (!merge) return;
    void act(
      'undo',
      () => call('undoMerge', { merge }),
      (result) => {
        setLastMerge(null);
        setNotice(result.kept.length ? t('lists.compare.undone_kept', { count: result.kept.length }) : t('lists.compare.undone'));
        names.forget();
      },
    ).then((done) => {
      if (done && report) void find(true);
    });
  }

  const visible = pairs.slice(0, shown);
  // The names come with the pairs; a card is asked for only when one is missing.
  if (!open) names.want(visible.flatMap((p) => [p.a, p.b]));

  return (
    <div class="duplicates" data-testid="duplicates-view" ref={root}>
      {open ? (
        <Compare o={open} busy={busy} editable={editable} onBack={close} onKeep={chooseKeep} onPick={pick} onOpen={onOpen} onMerge={merge} onNot={notDuplicate} />
      ) : (
        <>
          <header class="view-header">
            <h1>{t('lists.dupes.title')}</h1>
            <p class="muted small">{t('lists.dupes.intro')}</p>
          </header>
          {notice && (
            <div class="notice" role="status">
              <p data-testid="notice" tabIndex={-1}>
                {notice}
              </p>
              {lastMerge && editable && (
                <button type="button" data-testid="merge-undo" disabled={busy !== ''} onClick={undoMerge}>
                  {busy === 'undo' ? t('lists.compare.undoing') : t('lists.compare.undo')}
                </button>
              )}
            </div>
          )}
          <div class="buttons">
            <button type="button" class="action" data-testid="find-duplicates" disabled={finding} aria-busy={finding} onClick={() => void find()}>
              {report ? t('lists.dupes.find_again') : t('lists.dupes.find')}
            </button>
          </div>
          <Failed error={error} />
          {report?.rule_problems.length ? (
            <p class="notice warn small" data-testid="rule-problems">
              {t('lists.dupes.rule_problems', { problems: report.rule_problems.join(' ') })}
            </p>
          ) : null}
          <div class="status" aria-live="polite">
            <span data-testid="count">{report ? plural('lists.dupes.count', pairs.length) : ''}</span>
            {report && report.total_pairs > pairs.length && <span data-testid="pairs-truncated">{pairsTruncated(pairs.length, report.total_pairs)}</span>}
            {finding && <span data-testid="loading">{t('lists.dupes.finding')}</span>}
          </div>
          {report && (
            <ul class="contacts pairs" aria-busy={finding} data-testid="duplicate-pairs" aria-label={t('lists.dupes.title')}>
              {pairs.length ? (
                visible.map((pair) => <PairRow key={`${pair.a} ${pair.b}`} pair={pair} nameOf={names.of} onOpen={() => void openPair(pair)} />)
              ) : (
                <li class="empty muted" data-testid="empty">
                  {t('lists.dupes.none')}
                </li>
              )}
            </ul>
          )}
          {pairs.length > shown && (
            <div class="buttons">
              <button type="button" data-testid="more-pairs" onClick={() => setShown(shown + PAIR_PAGE)}>
                {t('lists.dupes.more', { count: Math.min(PAIR_PAGE, pairs.length - shown) })}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function PairRow({ pair, nameOf, onOpen }: { pair: PairScore; nameOf(id: string): string; onOpen(): void }) {
  const same = agreeingFields(pair);
  return (
    <li>
      <button type="button" class="row pair" data-testid="duplicate-pair" data-a={pair.a} data-b={pair.b} data-score={pair.score} onClick={onOpen}>
        <span class="row-main">
          <span class="name" data-testid="pair-name-a">
            {nameOf(pair.a)}
          </span>
          <span class="badge score" data-testid="pair-score">
            {t('lists.dupes.score', { score: scorePercent(pair.score, uiLocale()) })}
          </span>
        </span>
        <span class="row-main">
          <span class="name" data-testid="pair-name-b">
            {nameOf(pair.b)}
          </span>
        </span>
        {same.length > 0 && <span class="row-details muted">{t('lists.dupes.same', { fields: same.join(', ') })}</span>}
      </button>
    </li>
  );
}

interface CompareProps {
  o: OpenPair;
  busy: Busy;
  editable: boolean;
  onBack(pair: PairScore): void;
  onKeep(side: Side): void;
  onPick(field: string, id: string): void;
  onOpen(id: string): void;
  onMerge(o: OpenPair): void;
  onNot(o: OpenPair): void;
}

function Compare({ o, busy, editable, onBack, onKeep, onPick, onOpen, onMerge, onNot }: CompareProps) {
  const ready = o.cards && o.picks ? { ...o.cards, picks: o.picks } : null;
  const locked = busy !== '' || o.loading;
  return (
    <div class="compare-screen" data-testid="compare" data-a={o.pair.a} data-b={o.pair.b}>
      <button type="button" class="back" data-testid="compare-back" onClick={() => onBack(o.pair)}>
        {'← '}
        {t('lists.compare.back')}
      </button>
      <h1 tabIndex={-1}>{t('lists.compare.title')}</h1>
      <p class="small">{t('lists.dupes.score', { score: scorePercent(o.pair.score, uiLocale()) })}</p>
      {o.loading && (
        <p class="muted" role="status" data-testid="loading">
          {t('common.loading')}
        </p>
      )}
      {ready && <CompareTable left={ready.left} right={ready.right} keep={o.keep} picks={ready.picks} editable={editable} busy={locked} onKeep={onKeep} onPick={onPick} onOpen={onOpen} />}
      {ready && editable && <p class="muted small">{t('lists.compare.help')}</p>}
      {ready && !editable && (
        <p class="muted small" data-testid="read-only">
          {t('lists.compare.read_only')}
        </p>
      )}
      <Failed error={o.error} />
      {ready && editable && (
        <div class="buttons">
          <button type="button" class="action" data-testid="merge-pair" disabled={locked} aria-busy={busy === 'merge'} onClick={() => onMerge(o)}>
            {busy === 'merge' ? t('lists.compare.merging') : t('lists.compare.merge')}
          </button>
          <button type="button" data-testid="not-duplicate" disabled={locked} onClick={() => onNot(o)}>
            {t('lists.compare.not_duplicate')}
          </button>
        </div>
      )}
    </div>
  );
}

/** The contacts' names: those the report gives, else each contact's card, asked a few at a time. */
function useCardNames(report: DuplicateReport | null) {
  const [, drawn] = useState(0);
  const state = useRef({ cards: new Map<string, ContactCard>(), missing: new Set<string>(), pending: new Set<string>(), queue: [] as string[], running: 0 });
  const s = state.current;
  const pump = () => {
    while (s.running < PARALLEL_CARDS && s.queue.length) {
      const id = s.queue.shift()!;
      s.running++;
      call('getContactCard', { id })
        .then((card) => s.cards.set(id, card))
        .catch(() => s.missing.add(id))
        .finally(() => {
          s.running--;
          s.pending.delete(id);
          drawn((n) => n + 1);
          pump();
        });
    }
  };
  return {
    of(id: string): string {
      const given = report?.names?.[id];
      if (given !== undefined) return given || t('contact.no_name');
      const card = s.cards.get(id);
      if (card) return card.name || t('contact.no_name');
      return s.missing.has(id) ? id : '…';
    },
    want(ids: string[]): void {
      let added = false;
      for (const id of ids) {
        if (report?.names?.[id] !== undefined || s.cards.has(id) || s.missing.has(id) || s.pending.has(id)) continue;
        s.pending.add(id);
        s.queue.push(id);
        added = true;
      }
      // Asked after drawing: a render only says what it needs.
      if (added) setTimeout(pump, 0);
    },
    know(...cards: ContactCard[]): void {
      for (const card of cards) s.cards.set(card.contact.id, card);
    },
    /** Forgets cards (those a merge changed; all of them when no id is given). */
    forget(...ids: string[]): void {
      if (!ids.length) {
        s.cards.clear();
        s.missing.clear();
      }
      for (const id of ids) s.cards.delete(id);
    },
  };
}
