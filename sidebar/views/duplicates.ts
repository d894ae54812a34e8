/** Duplicates: Find duplicates lists the likely pairs, most alike first, with both names and how alike
 *  they are. Opening a pair compares the two contacts field by field; an editor picks the values to keep
 *  and the contact that stays, then merges (which Undo takes back), or says they are not the same person
 *  (never proposed again). Viewers see the same, read-only. */
import type { PairScore } from '../../src/core/dedupe/engine';
import type { DuplicateReport } from '../../src/services/dedupe/duplicates';
import type { ContactCard } from '../../src/services/views';
import { fill, h } from '../dom';
import type { Child } from '../dom';
import { errorText, plural, t, uiLocale } from '../i18n';
import { focusKey, restoreFocus } from '../focus';
import { call } from '../server';
import { canEdit, Session, View } from '../session';
import { choicesFromRadios, compareRows, compareTable, defaultPicks, Side } from './duplicates-compare';
import { comparedFieldName } from './field-names';

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
  loading: boolean;
  error: string;
}

/** 0.923 → '92%' ('92 %' in French). */
/** What the list says when the server answered with only the most alike pairs (see MAX_PAIRS). */
export function pairsTruncated(shown: number, total: number): string {
  return t('lists.dupes.most_alike', { shown, total });
}

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
  const root = h('div', { class: 'duplicates', 'data-testid': 'duplicates-view' });
  const editable = canEdit(session.role);
  let report: DuplicateReport | null = null;
  let pairs: PairScore[] = [];
  let shown = PAIR_PAGE;
  let finding = false;
  let error = '';
  let notice = '';
  let lastMerge: string | null = null;
  let busy: '' | 'merge' | 'not' | 'undo' = '';
  let open: OpenPair | null = null;
  let seq = 0;
  let started = false;

  // ---- names: each contact's card, asked a few at a time ----
  const cards = new Map<string, ContactCard>();
  const missing = new Set<string>();
  const pending = new Set<string>();
  const queue: string[] = [];
  let running = 0;

  function want(ids: string[]): void {
    for (const id of ids) {
      if (cards.has(id) || missing.has(id) || pending.has(id)) continue;
      pending.add(id);
      queue.push(id);
    }
    pump();
  }

  function pump(): void {
    while (running < PARALLEL_CARDS && queue.length) {
      const id = queue.shift()!;
      running++;
      call('getContactCard', { id })
        .then((card) => cards.set(id, card))
        .catch(() => missing.add(id))
        .finally(() => {
          running--;
          pending.delete(id);
          paint();
          pump();
        });
    }
  }

  const nameOf = (id: string) => {
    const given = report?.names?.[id];
    if (given !== undefined) return given || t('contact.no_name');
    const card = cards.get(id);
    if (card) return card.name || t('contact.no_name');
    return missing.has(id) ? id : '…';
  };

  // ---- actions ----

  async function find(keepNotice = false): Promise<void> {
    const mine = ++seq;
    finding = true;
    error = '';
    if (!keepNotice) {
      notice = '';
      lastMerge = null;
    }
    paint();
    try {
      const answer = await call('findDuplicates', {});
      if (mine !== seq) return;
      report = answer;
      pairs = [...answer.pairs].sort((x, y) => y.score - x.score);
      shown = PAIR_PAGE;
    } catch (e) {
      if (mine !== seq) return;
      error = errorText(e);
    }
    finding = false;
    paint();
  }

  /** Opens a pair, or reads an open one again (`again`: the person's choices are kept). */
  async function openPair(pair: PairScore, again?: OpenPair): Promise<void> {
    open = again ?? { pair, keep: 'left', picks: null, touched: new Set(), loading: true, error: '' };
    const mine = open;
    mine.loading = true;
    paint();
    if (!again) root.querySelector<HTMLElement>('[data-testid="compare"] h1')?.focus();
    try {
      // Fresh cards: the list's may be older than a change made since.
      const [left, right] = await Promise.all([call('getContactCard', { id: pair.a }), call('getContactCard', { id: pair.b })]);
      cards.set(pair.a, left);
      cards.set(pair.b, right);
      if (open !== mine) return;
      const picks = defaultPicks(compareRows(left.contact, right.contact), { left: pair.a, right: pair.b }, mine.keep);
      for (const field of mine.touched) if (mine.picks?.[field] && picks[field]) picks[field] = mine.picks[field];
      mine.picks = picks;
    } catch (e) {
      if (open !== mine) return;
      mine.error = errorText(e);
    }
    mine.loading = false;
    paint();
  }

  function close(focusPair?: PairScore): void {
    open = null;
    paint();
    const target = focusPair && root.querySelector<HTMLElement>(`[data-testid="duplicate-pair"][data-a=${JSON.stringify(focusPair.a)}][data-b=${JSON.stringify(focusPair.b)}]`);
    (target ?? root.querySelector<HTMLElement>('[data-testid="find-duplicates"]'))?.focus();
  }

  function chooseKeep(side: Side): void {
    if (!open) return;
    open.keep = side;
    const left = cards.get(open.pair.a);
    const right = cards.get(open.pair.b);
    if (left && right) {
      const picks = defaultPicks(compareRows(left.contact, right.contact), { left: open.pair.a, right: open.pair.b }, side);
      for (const field of open.touched) if (open.picks?.[field]) picks[field] = open.picks[field];
      open.picks = picks;
    }
    paint();
  }

  function pick(field: string, id: string): void {
    if (!open?.picks) return;
    open.picks[field] = id;
    open.touched.add(field);
  }

  async function act<T>(name: 'merge' | 'not' | 'undo', run: () => Promise<T>, after: (result: T) => void): Promise<void> {
    if (busy) return;
    busy = name;
    if (open) open.error = '';
    else error = '';
    paint();
    try {
      after(await run());
    } catch (e) {
      if (open) open.error = errorText(e);
      else error = errorText(e);
    }
    busy = '';
    paint();
  }

  function merge(): void {
    const o = open;
    if (!o) return;
    const keep = o.keep === 'left' ? o.pair.a : o.pair.b;
    const other = keep === o.pair.a ? o.pair.b : o.pair.a;
    // What is sent is what the radios show.
    const choices = choicesFromRadios(root.querySelectorAll<HTMLInputElement>('[data-testid="pick-value"]'));
    const names = { name: nameOf(keep), other: nameOf(other) };
    void act(
      'merge',
      () => call('mergeContacts', { keep, others: [other], choices }),
      (result) => {
        // The merged contact is gone from every pair; the survivor's values changed.
        pairs = pairs.filter((p) => p.a !== other && p.b !== other);
        cards.delete(keep);
        cards.delete(other);
        notice = t('lists.compare.merged', names);
        lastMerge = result.merge;
        open = null;
      },
    ).then(() => root.querySelector<HTMLElement>(open ? '[data-testid="merge-pair"]' : '[data-testid="merge-undo"]')?.focus());
  }

  function notDuplicate(): void {
    const o = open;
    if (!o) return;
    const names = { a: nameOf(o.pair.a), b: nameOf(o.pair.b) };
    void act(
      'not',
      () => call('markNotDuplicate', { a: o.pair.a, b: o.pair.b }),
      () => {
        pairs = pairs.filter((p) => !(p.a === o.pair.a && p.b === o.pair.b));
        notice = t('lists.compare.marked', names);
        lastMerge = null;
        open = null;
      },
    ).then(() => {
      if (!open) root.querySelector<HTMLElement>('[data-testid="notice"]')?.focus();
    });
  }

  function undoMerge(): void {
    const merge = lastMerge;
    if (!merge) return;
    void act(
      'undo',
      () => call('undoMerge', { merge }),
      (result) => {
        lastMerge = null;
        notice = result.kept.length ? t('lists.compare.undone_kept', { count: result.kept.length }) : t('lists.compare.undone');
        cards.clear();
        missing.clear();
      },
    ).then(() => {
      if (!lastMerge && report) void find(true);
    });
  }

  // ---- drawing ----

  function paint(): void {
    if (!started) return;
    const focus = focusKey(root, document.activeElement);
    fill(root, open ? compareScreen(open) : listScreen());
    restoreFocus(root, focus);
  }

  function listScreen(): Child[] {
    const visible = pairs.slice(0, shown);
    // The names come with the pairs; a card is asked for only when one is missing.
    want(visible.flatMap((p) => [p.a, p.b]).filter((id) => report?.names?.[id] === undefined));
    return [
      h('header', { class: 'view-header' }, h('h1', null, t('lists.dupes.title')), h('p', { class: 'muted small' }, t('lists.dupes.intro'))),
      notice &&
        h(
          'div',
          { class: 'notice', role: 'status' },
          h('p', { 'data-testid': 'notice', tabindex: -1 }, notice),
          lastMerge &&
            editable &&
            h('button', { type: 'button', 'data-testid': 'merge-undo', disabled: busy !== '', onclick: undoMerge }, busy === 'undo' ? t('lists.compare.undoing') : t('lists.compare.undo')),
        ),
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          { type: 'button', class: 'action', 'data-testid': 'find-duplicates', disabled: finding, 'aria-busy': String(finding), onclick: () => void find() },
          report ? t('lists.dupes.find_again') : t('lists.dupes.find'),
        ),
      ),
      error && h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, error)),
      report?.rule_problems.length ? h('p', { class: 'notice warn small', 'data-testid': 'rule-problems' }, t('lists.dupes.rule_problems', { problems: report.rule_problems.join(' ') })) : null,
      h(
        'div',
        { class: 'status', 'aria-live': 'polite' },
        h('span', { 'data-testid': 'count' }, report ? plural('lists.dupes.count', pairs.length) : ''),
        report && report.total_pairs > pairs.length && h('span', { 'data-testid': 'pairs-truncated' }, pairsTruncated(pairs.length, report.total_pairs)),
        finding && h('span', { 'data-testid': 'loading' }, t('lists.dupes.finding')),
      ),
      report &&
        h(
          'ul',
          { class: 'contacts pairs', 'aria-busy': String(finding), 'data-testid': 'duplicate-pairs', 'aria-label': t('lists.dupes.title') },
          pairs.length ? visible.map(pairRow) : h('li', { class: 'empty muted', 'data-testid': 'empty' }, t('lists.dupes.none')),
        ),
      pairs.length > shown &&
        h(
          'div',
          { class: 'buttons' },
          h(
            'button',
            {
              type: 'button',
              'data-testid': 'more-pairs',
              onclick: () => {
                shown += PAIR_PAGE;
                paint();
              },
            },
            t('lists.dupes.more', { count: Math.min(PAIR_PAGE, pairs.length - shown) }),
          ),
        ),
    ];
  }

  function pairRow(pair: PairScore): HTMLLIElement {
    const score = scorePercent(pair.score, uiLocale());
    const same = agreeingFields(pair);
    return h(
      'li',
      null,
      h(
        'button',
        { type: 'button', class: 'row pair', 'data-testid': 'duplicate-pair', 'data-a': pair.a, 'data-b': pair.b, 'data-score': pair.score, onclick: () => void openPair(pair) },
        h(
          'span',
          { class: 'row-main' },
          h('span', { class: 'name', 'data-testid': 'pair-name-a' }, nameOf(pair.a)),
          h('span', { class: 'badge score', 'data-testid': 'pair-score' }, t('lists.dupes.score', { score })),
        ),
        h('span', { class: 'row-main' }, h('span', { class: 'name', 'data-testid': 'pair-name-b' }, nameOf(pair.b))),
        same.length > 0 && h('span', { class: 'row-details muted' }, t('lists.dupes.same', { fields: same.join(', ') })),
      ),
    );
  }

  function compareScreen(o: OpenPair): HTMLElement {
    const left = cards.get(o.pair.a);
    const right = cards.get(o.pair.b);
    const ready = left && right && o.picks;
    const locked = busy !== '' || o.loading;
    return h(
      'div',
      { class: 'compare-screen', 'data-testid': 'compare', 'data-a': o.pair.a, 'data-b': o.pair.b },
      h('button', { type: 'button', class: 'back', 'data-testid': 'compare-back', onclick: () => close(o.pair) }, '← ', t('lists.compare.back')),
      h('h1', { tabindex: -1 }, t('lists.compare.title')),
      h('p', { class: 'small' }, t('lists.dupes.score', { score: scorePercent(o.pair.score, uiLocale()) })),
      o.loading && h('p', { class: 'muted', role: 'status', 'data-testid': 'loading' }, t('common.loading')),
      ready &&
        compareTable({
          left,
          right,
          keep: o.keep,
          picks: o.picks!,
          editable,
          busy: locked,
          onKeep: chooseKeep,
          onPick: pick,
          onOpen: handlers.onOpen,
        }),
      ready && editable && h('p', { class: 'muted small' }, t('lists.compare.help')),
      ready && !editable && h('p', { class: 'muted small', 'data-testid': 'read-only' }, t('lists.compare.read_only')),
      o.error && h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, o.error)),
      ready &&
        editable &&
        h(
          'div',
          { class: 'buttons' },
          h(
            'button',
            { type: 'button', class: 'action', 'data-testid': 'merge-pair', disabled: locked, 'aria-busy': String(busy === 'merge'), onclick: merge },
            busy === 'merge' ? t('lists.compare.merging') : t('lists.compare.merge'),
          ),
          h('button', { type: 'button', 'data-testid': 'not-duplicate', disabled: locked, onclick: notDuplicate }, t('lists.compare.not_duplicate')),
        ),
    );
  }

  return {
    render() {
      started = true;
      fill(host, root);
      paint();
    },
    refresh(message?: string) {
      if (message !== undefined) notice = message;
      // Back from a card opened here: its values may have changed.
      if (open) void openPair(open.pair, open);
    },
    hasUnsavedEdits: () => open !== null && open.touched.size > 0,
  };
}
