import { Contacts } from '../src/core/schema/tables';
import type { Workbook } from '../src/store/workbook';

const FIRST = ['Zoé', 'Hélène', 'François', 'José', 'María', 'João', 'Conceição', 'Emma', 'Liam', 'Inês', 'Núria', 'Théo'];
const LAST = ['Durand', 'Lefèvre', 'Núñez', 'García', 'Silva', 'Gonçalves', 'Smith', 'Müller', 'Martin', 'Pereira', 'López', 'Brown'];
const CITIES = [
  ['01000', 'Bourg-en-Bresse'],
  ['75011', 'Paris'],
  ['28013', 'Madrid'],
  ['1200-195', 'Lisboa'],
  ['01310-100', 'São Paulo'],
  ['02134', 'Boston'],
];

/** Many plain contacts, fast: the benchmark's table, not the demo's stories. */
export function addDemoContacts(workbook: Workbook, count: number): void {
  const rows = [];
  for (let i = 0; i < count; i++) {
    const [postal_code, city] = CITIES[i % CITIES.length];
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    rows.push({
      kind: 'person',
      first_name: first,
      last_name: last,
      email: `${first
        .normalize('NFD')
        .replace(/[^a-z]/gi, '')
        .toLowerCase()}.${i}@example.org`,
      phone: `+33 6 ${String(10000000 + i).replace(/(\d{2})(?=\d)/g, '$1 ')}`,
      postal_code,
      city,
      newsletter_status: 'subscribed',
      notes: i % 10 === 0 ? 'Met at the spring fair; wants to volunteer.' : '',
    });
  }
  workbook.table(Contacts).insert(rows);
  workbook.table(Contacts).flush();
}
