import type { Args } from './args';

/** `crm segment`: being built (issue 5). */
export async function segmentCommand(_args: Args, _workbookPath: string): Promise<number> {
  throw new Error('crm segment is being built');
}
