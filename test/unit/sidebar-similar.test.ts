/** Contacts sharing a name in one list each show what tells them apart. */
import { whatTellsApart } from '../../sidebar/views/similar';
import type { SearchHit } from '../../src/services/views';

const hit = (id: string, name: string, extra: Partial<SearchHit> = {}): SearchHit => ({
  id,
  kind: 'organisation',
  name,
  email: '',
  phone: '',
  organisation: '',
  city: '',
  member: false,
  membership_status: '',
  stage: '',
  tags: [],
  row: 2,
  ...extra,
});

describe('what tells similar contacts apart', () => {
  it('shows the fields that differ between contacts of the same name, accents and case aside', () => {
    const apart = whatTellsApart([
      hit('con_1', 'Radio Quartier', { city: 'Lyon', email: 'contact@radio.fr' }),
      hit('con_2', 'radio quartier', { city: 'Besançon', email: 'contact@radio.fr' }),
      hit('con_3', 'Rádio  Quartier', { email: 'contact@radio.fr' }),
      hit('con_4', 'Other', { city: 'Lyon' }),
    ]);
    expect(apart.get('con_1')).toBe('Lyon');
    expect(apart.get('con_2')).toBe('Besançon');
    expect(apart.get('con_3')).toBe('—');
    expect(apart.has('con_4')).toBe(false);
  });

  it('falls back on the record’s id when nothing a person sees differs', () => {
    const apart = whatTellsApart([hit('con_AAAAAA111111', 'Marie Martin'), hit('con_AAAAAA222222', 'Marie Martin')]);
    expect(apart.get('con_AAAAAA111111')).toBe('#111111');
    expect(apart.get('con_AAAAAA222222')).toBe('#222222');
  });
});
