const NON_ASCII = /[^\x00-\x7f]/;
const EACH_NON_ASCII = /[^\x00-\x7f]/g;
const foldedChars = new Map<string, string>();

function foldChar(ch: string): string {
  let folded = foldedChars.get(ch);
  if (folded === undefined) foldedChars.set(ch, (folded = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '')));
  return folded;
}

/** Lower case without accents, for matching: 'José Müller' → 'jose muller'. Only the characters
 *  outside ASCII are decomposed, one at a time and remembered: searching 100,000 contacts folds a
 *  million cells, most of them plain ASCII. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.replace(EACH_NON_ASCII, foldChar) : lower;
}

/** How a contact is called in lists: 'First Last', or the organisation's name. */
export function displayName(c: { kind?: string; first_name?: string; last_name?: string; organisation_name?: string }): string {
  if (c.kind === 'organisation') return (c.organisation_name ?? '').trim();
  return [c.first_name, c.last_name].filter(Boolean).join(' ').trim();
}
