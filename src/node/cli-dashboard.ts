import type { Args } from './args';

/** `crm dashboard`: being built (issue 5). */
export async function dashboardCommand(_args: Args, _workbookPath: string): Promise<number> {
  throw new Error('crm dashboard is being built');
}
