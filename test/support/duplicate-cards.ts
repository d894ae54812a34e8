/** Two likely duplicates as their cards come from the server: the same person typed twice, with
 *  different spellings, one with an email and a birthday, a custom field on both. */
import type { ContactCard } from '../../src/services/views';

export const card = (id: string, contact: Record<string, unknown>, name = ''): ContactCard =>
  ({
    contact: { id, kind: 'person', ...contact },
    name,
    row: 2,
    member: false,
    membership: null,
    memberships: [],
    stage: 'lead',
    derived_stage: 'lead',
    donations: { total: 0, currency: 'EUR', totals: [], converted: null, count: 2, last: null, recent: [] },
    interactions: [],
    tags: [],
    relationships: [],
    employer: null,
    people: [],
    employment_offer: null,
    segments: [],
  }) as ContactCard;

export const LEFT = card(
  'con_a',
  {
    first_name: 'Éloïse',
    last_name: 'Fontaine',
    email: '',
    phone: '+33 6 12 34 56 78',
    city: 'Besançon',
    birthday: '',
    import_batch: 'imp_1',
    lifecycle_stage: 'lead',
    custom: { 'Code adhérent': 'A-12', Remarque: '' },
  },
  'Éloïse Fontaine',
);
export const RIGHT = card(
  'con_b',
  {
    first_name: 'Eloise',
    last_name: 'Fontaine',
    email: 'e@exemple.fr',
    phone: '06 12 34 56 78',
    city: 'Dijon',
    birthday: '1985-03-07',
    import_batch: '',
    lifecycle_stage: 'member',
    custom: { 'Code adhérent': 'A-12', Remarque: 'vue au salon' },
  },
  'Eloise Fontaine',
);
export const IDS = { left: 'con_a', right: 'con_b' };
