import { ok, refused, call } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';
import { Workbook } from '../../src/store/workbook';
import { parseQuery } from '../../src/core/query/parse';
import type { QueryNode } from '../../src/core/query/tree';
import { matchesContact, selectContacts } from '../../src/services/query/query';
import { scoredCrm, setSetting } from './scores-fixture';

const names = (rt: MemoryRuntime, query: string) => ok(call(rt, 'queryContacts', { query })).items.map((i: { name: string }) => i.name);
const tree = (text: string): QueryNode => {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.tree;
};

describe('Queries on RFM, engagement, the hot list and gift sizes', () => {
  // Made again for each test: a test's database is emptied after it (the postgres project).
  let rt: MemoryRuntime;
  let ids: ReturnType<typeof scoredCrm>['ids'];
  beforeEach(() => ({ rt, ids } = scoredCrm()));

  it('selects donors by RFM group and score; non-donors have neither', () => {
    expect(names(rt, 'rfm.segment:champions')).toEqual(['Ana Lima']);
    expect(names(rt, 'rfm.segment:"at risk" OR rfm.segment:hibernating')).toEqual(['Ben Stone', 'Carla Stone']);
    expect(names(rt, 'rfm.segment:lost')).toEqual([]);
    expect(names(rt, 'rfm.score>=10')).toEqual(['Ana Lima', 'Carla Stone']);
    expect(names(rt, 'rfm.score>10')).toEqual(['Ana Lima']);
    expect(names(rt, 'rfm.score=8')).toEqual(['Ben Stone', '0042 =1+1']);
    expect(names(rt, 'rfm.score<8')).toEqual([]);
    expect(names(rt, 'rfm.score!=11')).toEqual(['Ben Stone', 'Carla Stone', '0042 =1+1', 'Eve Moreau', 'Fay Okafor']);
    expect(names(rt, 'NOT rfm.segment:champions AND donations.count>=1')).toEqual(['Ben Stone', 'Carla Stone', '0042 =1+1', 'Eve Moreau']);
  });

  it('compares the engagement score and reads the hot flag', () => {
    expect(names(rt, 'engagement>=10.5')).toEqual(['Ana Lima']);
    expect(names(rt, 'engagement>10.5')).toEqual([]);
    expect(names(rt, 'engagement=4')).toEqual(['Eve Moreau']);
    expect(names(rt, 'engagement>0 AND engagement<4')).toEqual(['0042 =1+1', 'Fay Okafor']);
    expect(names(rt, 'engagement=0')).toEqual(['Ben Stone', 'Carla Stone']);
    expect(names(rt, 'hot')).toEqual(['Ana Lima']);
    expect(names(rt, 'NOT hot AND engagement>=4')).toEqual(['Eve Moreau']);
  });

  it('counts only the gifts of more than the over: amount', () => {
    // "Gave more than 100 twice in 12 months": Ana's 150 and 120; her 80 does not count.
    expect(names(rt, 'donations.count>=2 within:12m over:100')).toEqual(['Ana Lima']);
    expect(names(rt, 'donations.count>=2 within:12m over:120')).toEqual([]);
    expect(names(rt, 'donations.count>=1 over:400')).toEqual(['Carla Stone']);
    expect(names(rt, 'donations.count>=1 over:399.99')).toEqual(['Ben Stone', 'Carla Stone']);
    expect(names(rt, 'donations.total=560 over:59.99')).toEqual(['Carla Stone']);
    expect(names(rt, 'donations.total=500 over:60')).toEqual(['Carla Stone']);
    expect(names(rt, 'donations.largest<100 over:0')).toEqual(['0042 =1+1', 'Eve Moreau', 'Fay Okafor']);
    expect(names(rt, 'donations.last>=2025-01-01 over:100')).toEqual(['Ana Lima', 'Ben Stone']);
    expect(names(rt, 'donations.last>=2025-01-01')).toEqual(['Ana Lima', 'Ben Stone', 'Carla Stone', '0042 =1+1']);
  });

  it('refuses over: where it means nothing, and a tree with an amount that is not one', () => {
    expect(refused(call(rt, 'queryContacts', { query: 'opens>=1 over:5' })).message).toMatch(/over: only keeps the gifts above an amount/);
    const wb = new Workbook(rt, rt.clock, 'admin@example.org');
    const bad: QueryNode = { kind: 'condition', field: 'donations.count', op: '>=', value: '1', over: 'lots' };
    expect(() => selectContacts(wb, bad)).toThrow(expect.objectContaining({ key: 'error.query_over' }));
  });

  it('scores one contact against every donor when asked about that contact alone', () => {
    const fresh = () => new Workbook(rt, rt.clock, 'admin@example.org');
    expect(matchesContact(fresh(), tree('rfm.segment:at_risk'), ids.carla)).toBe(true);
    expect(matchesContact(fresh(), tree('rfm.segment:at_risk'), ids.ana)).toBe(false);
    expect(matchesContact(fresh(), tree('hot AND rfm.score>=11'), ids.ana)).toBe(true);
    expect(matchesContact(fresh(), tree('engagement>3.8'), ids.dan)).toBe(false);
    expect(matchesContact(fresh(), tree('donations.count>=2 within:12m over:100'), ids.ana)).toBe(true);
  });

  it('follows the rfm_window_months setting', () => {
    const { rt: other } = scoredCrm();
    setSetting(other, 'rfm_window_months', '12');
    // Carla's last gift (2025-01-15) is out of a 12-month window: she is no donor any more.
    expect(names(other, 'rfm.score>=3')).toEqual(['Ana Lima', 'Ben Stone', '0042 =1+1']);
    expect(names(other, 'rfm.segment:at_risk')).toEqual([]);
  });
});
