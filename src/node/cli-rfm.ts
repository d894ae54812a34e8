import type { Args } from './args';

/** `crm rfm`: being built (issue 5). */
export async function rfmCommand(_args: Args, _workbookPath: string): Promise<number> {
  throw new Error('crm rfm is being built');
}
