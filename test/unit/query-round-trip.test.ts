import { parseQuery } from '../../src/core/query/parse';
import { printQuery } from '../../src/core/query/print';
import { Comparison, Condition, QUERY_FIELDS, QueryField, QueryNode, normalizeQuery } from '../../src/core/query/tree';
import { seededRandom } from '../../src/services/demo-data';

function tree(text: string): QueryNode {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message} at ${result.error.position}`);
  return result.tree;
}

const cond = (field: string, op: Comparison, value: string, windows: Partial<Condition> = {}): Condition => ({ kind: 'condition', field, op, value, ...windows });
const flag = (field: string): Condition => cond(field, ':', 'true');

describe('text → tree → text', () => {
  // Canonical texts print back exactly as written.
  const canonical = [
    'tag:volunteer AND membership.status:current AND donations.total>=100 since:365d',
    'newsletter:subscribed AND NOT member AND opens>=3 within:90d AND clicks=0',
    '(tag:"major donor" OR donations.largest>500) AND city:Lyon',
    'member',
    'NOT member',
    'NOT NOT email_opt_out',
    'membership.level="Gold plus" AND membership.end<=+30d AND membership.end>=today',
    'donations.count>=2 since:12m AND donations.largest>50 since:12m',
    'donations.total>1000 since:2025-01-01 before:2026-01-01',
    'donations.count>=2 within:12m over:100',
    'donations.total>=500 since:1y before:today over:49.99 OR donations.last>=90d over:1000',
    'donations.largest>0 over:-5',
    'donations.last<2y OR donations.last=2024-02-29',
    'interactions.event>=1 within:6m AND last.call<90d',
    'interactions.newsletter_click=0 within:30d',
    'relationship:employee OR relationship:"board member"',
    'rfm.segment:at_risk AND rfm.score>=12',
    'hot OR engagement>=7.5 AND NOT hot',
    'segment:"Lapsed donors" AND NOT segment:Board',
    'stage=donor OR stage!=member',
    'country:France AND language:fr AND owner:anne@example.org',
    'email:@gmail.com',
    'created>=2026-01-01 AND created<yesterday',
    'custom."T-shirt size":XL AND custom.Équipe=Nord',
    'custom.score>=7.5',
    'city:Besançon OR city:Saint-Étienne OR city:"São Paulo"',
    'tag:"say \\"hi\\"" AND tag:back\\slash',
    'tag:"(draft)" OR tag:"a:b c"',
    'job_title:x AND postal_code:"69 001"',
    'kind:organisation AND NOT (tag:partner OR tag:supplier)',
    'tag:a AND (tag:b OR tag:c AND (tag:d OR tag:e))',
    'tag:a OR tag:b AND tag:c',
    'tag:a AND (tag:b AND tag:c)',
    '(tag:a OR tag:b) OR tag:c',
    'NOT (tag:a AND tag:b) AND NOT tag:c',
    'city:""',
    'tag:"" OR tag:"=x"',
    'tag:AND',
  ];

  it.each(canonical)('%s', (text) => {
    expect(printQuery(tree(text))).toBe(text);
  });

  // Other spellings print in the canonical form, and that form is stable.
  const spelled: [string, string][] = [
    ['tag:volunteer and member', 'tag:volunteer AND member'],
    ['tag:a ou tag:b et non member', 'tag:a OR tag:b AND NOT member'],
    ['tag:a o tag:b y no member', 'tag:a OR tag:b AND NOT member'],
    ['tag:a E NÃO member OU tag:b', 'tag:a AND NOT member OR tag:b'],
    ['  ( ( tag:a ) )  ', 'tag:a'],
    ['donations.total >= 100   since:365d', 'donations.total>=100 since:365d'],
    ['Membership.Status:CURRENT', 'membership.status:current'],
    ['rfm.segment:"at risk"', 'rfm.segment:at_risk'],
    ['newsletter_status:subscribed AND lifecycle_stage:member AND created_at>30d', 'newsletter:subscribed AND stage:member AND created>30d'],
    ['tag:"volunteer"', 'tag:volunteer'],
    ['opens>=3 before:today within:90d', 'opens>=3 within:90d before:today'],
    ['donations.count >= 2 over:100 within:12m', 'donations.count>=2 within:12m over:100'],
    ['donations.count>=2 OVER:"100" Within:12m', 'donations.count>=2 within:12m over:100'],
    ['(tag:a OR (tag:b)) AND (tag:c)', '(tag:a OR tag:b) AND tag:c'],
    ['CUSTOM."size":M', 'custom.size:M'],
    ['city:"Saint-Étienne" OR tag:"back\\\\slash"', 'city:Saint-Étienne OR tag:back\\slash'],
    ['', ''],
  ];

  it.each(spelled)('%s', (text, printed) => {
    expect(printQuery(tree(text))).toBe(printed);
    expect(printQuery(tree(printed))).toBe(printed);
  });

  it('lets AND bind tighter than OR and NOT take only the next term', () => {
    expect(tree('tag:a OR tag:b AND NOT tag:c OR member')).toStrictEqual({
      kind: 'or',
      children: [cond('tag', ':', 'a'), { kind: 'and', children: [cond('tag', ':', 'b'), { kind: 'not', child: cond('tag', ':', 'c') }] }, flag('member')],
    });
  });

  it('keeps the values as people meant them, without quotes and escapes', () => {
    expect(tree('tag:"say \\"hi\\"" AND custom."T-shirt size":"x\\\\y"')).toStrictEqual({
      kind: 'and',
      children: [cond('tag', ':', 'say "hi"'), cond('custom.T-shirt size', ':', 'x\\y')],
    });
    expect(tree('donations.count>=2 since:12m before:2026-01-01')).toStrictEqual(cond('donations.count', '>=', '2', { since: '12m', before: '2026-01-01' }));
    expect(tree('donations.count>=2 within:12m over:100')).toStrictEqual(cond('donations.count', '>=', '2', { within: '12m', over: '100' }));
  });

  it('reads the empty query as every contact', () => {
    expect(tree('   ')).toStrictEqual({ kind: 'and', children: [] });
  });
});

describe('tree → text → tree', () => {
  it('prints groups of one and empty groups as what they mean', () => {
    const messy: QueryNode = {
      kind: 'and',
      children: [{ kind: 'or', children: [cond('tag', ':', 'a')] }, { kind: 'and', children: [] }, { kind: 'not', child: { kind: 'or', children: [] } }, flag('member')],
    };
    expect(normalizeQuery(messy)).toStrictEqual({ kind: 'and', children: [cond('tag', ':', 'a'), flag('member')] });
    expect(printQuery(messy)).toBe('tag:a AND member');
    expect(printQuery({ kind: 'or', children: [] })).toBe('');
  });

  // A seeded generator, so that a failure names a tree that can be reproduced.
  const next = seededRandom(20260314);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const PIECES = ['a', 'Lyon', 'é', 'ç', 'São', ' ', '"', '\\', '(', ')', ':', '=', '>', '!', '-', 'AND', 'or', 'NOT', 'since:30d', '\t', '0', '.', 'ß', '🙂'];
  const text = () => Array.from({ length: Math.floor(next() * 5) }, () => pick(PIECES)).join('');
  const NUMBERS = ['0', '3', '100', '12.5', '-4', '+7', '.5', '1000000'];
  const DATES = ['30d', '+2w', '12m', '1y', 'today', 'yesterday', '2026-02-28', '2024-02-29', '-7d'];
  const CUSTOM = ['T-shirt size', 'Taille', 'ÉQUIPE', 'a"b', 'x\\y', 'membre.depuis', 'since', 'AND'];
  const fields: QueryField[] = [...QUERY_FIELDS];

  function condition(): Condition {
    if (next() < 0.1) {
      const name = pick(CUSTOM);
      return cond(`custom.${name}`, pick([':', '=', '!=', '>', '>=', '<', '<='] as const), text());
    }
    const field = pick(fields);
    if (field.type === 'flag') return flag(field.field);
    const value = field.type === 'enum' ? pick(field.values!) : field.type === 'number' ? pick(NUMBERS) : field.type === 'date' ? pick(DATES) : text();
    const c = cond(field.field, pick(field.ops), value);
    if (field.window) {
      const w = next();
      if (w < 0.3) c.since = pick(DATES);
      else if (w < 0.5) c.within = pick(DATES);
      if (next() < 0.3) c.before = pick(DATES);
    }
    if (field.over && next() < 0.4) c.over = pick(NUMBERS);
    return c;
  }

  function node(depth: number): QueryNode {
    const r = next();
    if (depth <= 0 || r < 0.4) return condition();
    if (r < 0.55) return { kind: 'not', child: node(depth - 1) };
    const count = 2 + Math.floor(next() * 3);
    return { kind: r < 0.78 ? 'and' : 'or', children: Array.from({ length: count }, () => node(depth - 1)) };
  }

  const trees = Array.from({ length: 200 }, () => node(4));

  it('covers groups, NOT, custom columns, windows and quoted values', () => {
    const all = JSON.stringify(trees);
    for (const piece of ['"kind":"or"', '"kind":"not"', 'custom.', '"since"', '"within"', '"before"', '"over"', '\\"', '"field":"member"', '"field":"hot"']) expect(all).toContain(piece);
  });

  it.each(trees.map((t, i) => [i, t] as const))('tree %i', (_, t) => {
    const text = printQuery(t);
    const back = parseQuery(text);
    if (!back.ok) throw new Error(`${text}\n${back.error.message} at ${back.error.position}`);
    expect(back.tree).toStrictEqual(t);
    expect(printQuery(back.tree)).toBe(text);
  });
});
