import { parseQuery } from '../../src/core/query/parse';
import { FIELD_ALIASES, QUERY_FIELDS, queryField } from '../../src/core/query/tree';
import { Contacts, INTERACTION_TYPES } from '../../src/core/schema/tables';

describe('QUERY_FIELDS', () => {
  it('offers every Contacts column, under its own name or the name the builder shows', () => {
    const names = new Set(QUERY_FIELDS.map((f) => f.field));
    for (const column of Object.keys(Contacts.columns)) expect(names.has(FIELD_ALIASES[column] ?? column)).toBe(true);
    expect(QUERY_FIELDS.filter((f) => f.field === 'city')).toHaveLength(1);
  });

  it('types Contacts columns by what they hold', () => {
    expect(queryField('email_opt_out')?.type).toBe('flag');
    expect(queryField('birthday')?.type).toBe('date');
    expect(queryField('kind')).toMatchObject({ type: 'enum', values: ['person', 'organisation'] });
    expect(queryField('first_name')?.type).toBe('text');
  });

  it('has a count and a last date for every interaction type, and windows only on counts, totals and the campaigns engaged with', () => {
    for (const type of INTERACTION_TYPES) {
      expect(queryField(`interactions.${type}`)).toMatchObject({ type: 'number', window: true });
      expect(queryField(`last.${type}`)).toMatchObject({ type: 'date', window: false });
    }
    const windowed = QUERY_FIELDS.filter((f) => f.window)
      .map((f) => f.field)
      .filter((f) => !f.startsWith('interactions.'));
    expect(windowed).toStrictEqual(['donations.total', 'donations.count', 'donations.largest', 'opens', 'clicks', 'campaign']);
  });

  it('lets over: keep the gifts above an amount on the donations fields only', () => {
    expect(QUERY_FIELDS.filter((f) => f.over).map((f) => f.field)).toStrictEqual(['donations.total', 'donations.count', 'donations.largest', 'donations.last']);
    expect(queryField('custom.over')?.over).toBeUndefined();
  });

  it('has the scores: RFM group and score, engagement, and the hot flag', () => {
    expect(queryField('rfm.segment')).toMatchObject({ type: 'enum', values: expect.arrayContaining(['champions', 'at_risk', 'lost']) });
    expect(queryField('rfm.score')).toMatchObject({ type: 'number', window: false });
    expect(queryField('engagement')).toMatchObject({ type: 'number', window: false });
    expect(queryField('hot')).toMatchObject({ type: 'flag', ops: [':'] });
  });

  it('accepts any column the organisation added, with any comparison', () => {
    expect(queryField('custom.T-shirt size')).toMatchObject({ type: 'text', window: false });
    expect(queryField('custom.')).toBeUndefined();
    expect(queryField('shoe_size')).toBeUndefined();
  });

  it('parses every field the builder offers with a value it offers', () => {
    for (const f of QUERY_FIELDS) {
      const value = f.type === 'enum' ? f.values![0] : f.type === 'number' ? '1' : f.type === 'date' ? '30d' : 'x';
      const text = f.type === 'flag' ? f.field : `${f.field}${f.ops[0]}${value}${f.window ? ' since:12m' : ''}${f.over ? ' over:50' : ''}`;
      const result = parseQuery(text);
      expect(result.ok ? result.tree : result.error).toMatchObject({ kind: 'condition', field: f.field });
    }
  });
});
