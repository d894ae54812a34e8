/** The journal survives kill -9 at any moment: every write the server acknowledged is there when the
 *  workbook is opened again, and the workbook is valid. The server folds all the time here
 *  (CRM_FOLD_DELAY_MS=0), so kills land in the middle of writing the .xlsx as well as between calls. */
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LocalCrm } from '../../src/node/local-crm';
import { callServer, startLocalServer, RunningServer } from '../support/local-server';

async function killedWhileWriting(workbook: string | undefined, writes: number, prefix: string): Promise<{ workbook: string; acknowledged: string[] }> {
  const server: RunningServer = await startLocalServer({ demo: 30, env: { CRM_FOLD_DELAY_MS: '0' }, workbook });
  const acknowledged: string[] = [];
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  for (let i = 0; i < writes; i++) {
    const name = `${prefix}${i}`;
    const request = callServer(server, 'createContact', { contact: { first_name: name } });
    if (i === writes - 1) {
      // The last one is in flight when the process dies: it may or may not be there, never half.
      server.process.kill('SIGKILL');
      await request.catch(() => undefined);
      break;
    }
    await request;
    acknowledged.push(name);
  }
  await exited;
  return { workbook: server.workbook, acknowledged };
}

describe('kill -9 during journalled writes', () => {
  it('loses no acknowledged write, and leaves a workbook that opens', async () => {
    let workbook: string | undefined;
    const all: string[] = [];
    for (const [round, writes] of [
      [0, 7],
      [1, 13],
      [2, 4],
      [3, 21],
    ] as const) {
      const run = await killedWhileWriting(workbook, writes, `R${round}W`);
      workbook = run.workbook;
      all.push(...run.acknowledged);
      const crm = await LocalCrm.open(workbook, 'admin@crm.local', 'en', { foldInProcess: true });
      const found = await crm.call('searchContacts', { text: `R${round}W`, limit: 100 });
      if (!found.ok) throw new Error(found.error.message);
      const names = (found.data as { items: { name: string }[] }).items.map((i) => i.name);
      for (const name of run.acknowledged) expect(names).toContain(name);
      // The one in flight is there whole or not at all.
      expect(names.length - run.acknowledged.length).toBeGreaterThanOrEqual(0);
      expect(names.length - run.acknowledged.length).toBeLessThanOrEqual(1);
      await crm.close();
    }
    const crm = await LocalCrm.open(workbook!, 'admin@crm.local', 'en', { foldInProcess: true });
    const everyone = await crm.call('searchContacts', { text: 'W', limit: 200 });
    const names = (everyone.ok ? (everyone.data as { items: { name: string }[] }).items : []).map((i) => i.name);
    for (const name of all) expect(names).toContain(name);
    await crm.close();
    // No temporary file is left behind once the workbook has been opened again.
    expect(readdirSync(dirname(workbook!)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(`${workbook}.journal`)).toBe(false);
  }, 240000);
});
