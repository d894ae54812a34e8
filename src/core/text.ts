/** Lower case without accents, for matching: 'José Müller' → 'jose muller'. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** How a contact is called in lists: 'First Last', or the organisation's name. */
export function displayName(c: { kind?: string; first_name?: string; last_name?: string; organisation_name?: string }): string {
  if (c.kind === 'organisation') return (c.organisation_name ?? '').trim();
  return [c.first_name, c.last_name].filter(Boolean).join(' ').trim();
}
