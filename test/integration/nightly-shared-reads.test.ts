/** The nightly steps share what they read: each big table is read once a night unless it was written
 *  since, and the night's results are exactly those of steps reading everything themselves. */
import { callAction } from '../../src/api/call';
import { NIGHTLY_ACTIONS } from '../../src/api/nightly';
import { addDemoData, seededRandom } from '../../src/services/demo-data';
import { Workbook } from '../../src/store/workbook';
import { Donations } from '../../src/core/schema/tables';
import { SharedReads } from '../../src/store/shared-reads';
import type { MemoryRuntime } from '../../src/memory/services';
import { ok, setUpRuntime } from '../support/crm';

function demo(): MemoryRuntime {
  const rt = setUpRuntime();
  const wb = new Workbook(rt, rt.clock, 'admin@example.org');
  addDemoData(wb, 300, seededRandom(5));
  wb.commit('demo');
  rt.clock.advance(86_400_000);
  return rt;
}

/** Runs the night, sharing reads or not; returns each step's answer and the sheets read whole. */
function night(rt: MemoryRuntime, share: boolean, between?: (step: string) => void): { answers: unknown[]; reads: string[] } {
  const reads: string[] = [];
  const read = rt.grid.read.bind(rt.grid);
  rt.grid.read = (sheet: string) => {
    reads.push(sheet);
    return read(sheet);
  };
  const shared = new SharedReads(rt.properties);
  const answers = NIGHTLY_ACTIONS.map((name) => {
    shared.begin();
    const answer = callAction(share ? { ...rt, grid: shared.grid(rt.grid) as MemoryRuntime['grid'] } : rt, name, {});
    shared.end(answer.ok);
    between?.(name);
    return ok(answer);
  });
  rt.grid.read = read;
  return { answers, reads };
}

const count = (reads: string[], sheet: string) => reads.filter((s) => s === sheet).length;

describe('The nightly steps sharing their reads', () => {
  it('read Interactions and Donations once a night, and leave every sheet as steps reading alone do', () => {
    // Both CRMs made with the same "random" numbers, so that their ids are the same.
    const random = jest.spyOn(Math, 'random');
    random.mockImplementation(seededRandom(42));
    const alone = demo();
    const a = night(alone, false);
    random.mockImplementation(seededRandom(42));
    const sharing = demo();
    const b = night(sharing, true);
    random.mockRestore();
    expect(count(a.reads, 'Interactions')).toBeGreaterThan(2);
    expect(count(b.reads, 'Interactions')).toBe(1);
    expect(count(b.reads, 'Donations')).toBe(1);
    expect(b.reads.length).toBeLessThan(a.reads.length);
    // Same answers, same sheets (the search index aside: its rows carry a random stamp).
    expect(JSON.parse(JSON.stringify(b.answers))).toEqual(JSON.parse(JSON.stringify(a.answers)));
    for (const [name, rows] of alone.grid.sheets) if (name !== 'SearchIndex') expect(sharing.grid.sheets.get(name)).toEqual(rows);
  });

  it('read again what someone else wrote between two steps', () => {
    const rt = demo();
    let edited = '';
    const { reads } = night(rt, true, (step) => {
      if (step !== 'refreshScores') return;
      // A person edits a gift in the sidebar while the night goes on.
      const gift = new Workbook(rt, rt.clock, 'x').table(Donations).all()[0];
      edited = gift.id;
      ok(callAction(rt, 'updateContact', { id: gift.contact_id, patch: { city: 'Between steps' } }));
    });
    expect(edited).not.toBe('');
    expect(count(reads, 'Interactions')).toBeGreaterThan(1);
  });

  it('forget everything after a step that failed (it may have changed rows it never wrote)', () => {
    const rt = demo();
    const shared = new SharedReads(rt.properties);
    const grid = shared.grid(rt.grid);
    shared.begin();
    grid.read('Contacts');
    shared.end(true);
    shared.begin();
    grid.read('Contacts');
    expect(shared.reads).toBe(1);
    shared.end(false);
    shared.begin();
    grid.read('Contacts');
    expect(shared.reads).toBe(2);
    // A write to a sheet forgets it at once.
    grid.append('Contacts', [['x']]);
    grid.read('Contacts');
    expect(shared.reads).toBe(3);
  });
});
