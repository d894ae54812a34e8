import { clustersOf, findDuplicates, pairKey } from '../../src/core/dedupe/engine';
import type { PersonRecord } from '../../src/core/dedupe/people';
import { DEFAULT_DEDUPE_RULES, type DedupeRules } from '../../src/core/dedupe/rules';
import { generateDedupeTruth } from '../support/dedupe-truth';
import { newParts, preparePerson, type PreparedPerson } from '../../src/core/dedupe/prepare';
import { mayReach, mayReachAt, scoreAt, scorePair } from '../../src/core/dedupe/score';
import { EMAIL, PHONE, reachOf, sharedAt } from '../../src/core/dedupe/reach';
import { FoundPairs } from '../../src/core/dedupe/found-pairs';
import { seededRandom } from '../../src/services/demo-data';
import { shared } from '../../src/core/dedupe/compare';
import { blockingKeys } from '../../src/core/dedupe/blocking';
import { PERSON_FIELDS } from '../../src/core/dedupe/people';
import { peopleToColumns } from '../../src/core/thread-tasks';
import { SameThread } from '../../src/memory/threads';
import type { SharedWork, PairsPart, RunNumbers } from '../../src/core/dedupe/engine';
import type { Blocks } from '../../src/core/dedupe/blocking';
import type { PeopleText } from '../../src/core/dedupe/people';

let next = 0;
function person(fields: Partial<PersonRecord>): PersonRecord {
  next++;
  return {
    id: `con_${String(next).padStart(4, '0')}`,
    kind: 'person',
    first_name: '',
    last_name: '',
    organisation_name: '',
    email: '',
    email_2: '',
    phone: '',
    mobile: '',
    postal_code: '',
    city: '',
    birthday: '',
    ...fields,
  };
}

const FR = { defaultCountry: 'FR' };
const found = (people: PersonRecord[], rules: DedupeRules = DEFAULT_DEDUPE_RULES, options = {}) => findDuplicates(people, rules, { ...FR, ...options }).pairs.map((p) => pairKey(p.a, p.b));
const marie = { first_name: 'Marie', last_name: 'Dubois', email: 'marie.dubois@orange.fr', mobile: '06 12 34 56 78', postal_code: '75011', city: 'Paris' };

describe('findDuplicates: the same person written two ways', () => {
  it('never pairs a row with another row of the same id (a sheet with a row pasted twice), but pairs each with a third', () => {
    const a = person(marie);
    const copy = { ...a };
    const b = person({ ...marie, email: 'marie@example.org' });
    const { pairs, compared } = findDuplicates([a, copy, b], DEFAULT_DEDUPE_RULES, FR);
    // Each of the two rows with the third; the two rows together, never.
    expect(pairs.map((p) => pairKey(p.a, p.b))).toEqual([pairKey(a.id, b.id), pairKey(a.id, b.id)]);
    expect(compared).toBe(3);
  });

  it('finds her through case, accents, a reformatted phone and a typo, and says which fields agreed', () => {
    const a = person(marie);
    const b = person({ first_name: 'MARIE', last_name: 'Duboi', email: ' Marie.Dubois@ORANGE.fr', mobile: '+33612345678', postal_code: '75011', city: 'paris' });
    const { pairs, clusters } = findDuplicates([a, b], DEFAULT_DEDUPE_RULES, FR);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ a: a.id, b: b.id });
    expect(pairs[0].score).toBeGreaterThan(0.9);
    expect(pairs[0].fields).toMatchObject({ email: 1, phone: 1, first_name: 1, postal_code: 1, city: 1 });
    expect(pairs[0].fields.last_name).toBeGreaterThan(0.9);
    expect(pairs[0].fields.birthday).toBeUndefined();
    expect(clusters).toEqual([[a.id, b.id]]);
  });

  it('finds first and last names typed in the wrong boxes, and nicknames', () => {
    const a = person(marie);
    const swapped = person({ ...marie, first_name: 'Dubois', last_name: 'Marie', email: 'mdubois@free.fr' });
    const william = person({ first_name: 'William', last_name: 'Walker', email: 'w.walker@gmail.com', postal_code: '02110' });
    const bill = person({ first_name: 'Bill', last_name: 'Walker', email: 'w.walker@gmail.com' });
    const paco = person({ first_name: 'Paco', last_name: 'Torres Gil', phone: '+34 612 345 678', city: 'Madrid' });
    const francisco = person({ first_name: 'Francisco', last_name: 'Torres', phone: '0034 612 34 56 78', city: 'Madrid' });
    expect(found([a, swapped, william, bill, paco, francisco]).sort()).toEqual([pairKey(a.id, swapped.id), pairKey(william.id, bill.id), pairKey(paco.id, francisco.id)].sort());
  });

  it('finds a person who changed email address when the phone and the postcode still agree', () => {
    const a = person(marie);
    const b = person({ ...marie, email: 'marie.d@laposte.net' });
    expect(found([a, b])).toEqual([pairKey(a.id, b.id)]);
  });

  it('reads Gmail dots and +tags as one address only when the rules say so', () => {
    const a = person({ first_name: 'Jean', last_name: 'Dupont', email: 'jean.dupont+crm@gmail.com' });
    const b = person({ first_name: 'Jean', last_name: 'Dupont', email: 'jeandupont@googlemail.com' });
    expect(found([a, b])).toEqual([]);
    expect(found([a, b], { ...DEFAULT_DEDUPE_RULES, gmailDots: true })).toEqual([pairKey(a.id, b.id)]);
  });

  it('matches organisations by name, and never a person with an organisation', () => {
    const org = person({ kind: 'organisation', organisation_name: 'Fundación Periodismo Abierto', email: 'info@fpa.org', postal_code: '28013' });
    const typo = person({ kind: 'organisation', organisation_name: 'FUNDACION PERIODISMO ABIETRO', email: 'info@fpa.org', postal_code: '28013' });
    const staff = person({ first_name: 'Info', last_name: 'FPA', email: 'info@fpa.org', postal_code: '28013' });
    expect(found([org, typo, staff])).toEqual([pairKey(org.id, typo.id)]);
  });
});

describe('findDuplicates: different people who share a lot', () => {
  it('keeps apart a family sharing one email address and one phone', () => {
    const family = [
      person({ ...marie }),
      person({ ...marie, first_name: 'Hélène' }),
      person({ ...marie, first_name: 'Francisco', last_name: 'Dubois' }),
      person({ ...marie, first_name: 'Francisca', last_name: 'Dubois' }),
      person({ ...marie, first_name: 'Jean', email: '' }),
      person({ ...marie, first_name: 'Jeanne', email: '' }),
    ];
    expect(findDuplicates(family, DEFAULT_DEDUPE_RULES, FR)).toMatchObject({ pairs: [], clusters: [] });
  });

  it('keeps apart twins: one family name, address, phone and birthday, two given names', () => {
    const twins = [
      person({ ...marie, first_name: 'Luis', birthday: '2001-04-05', email: '' }),
      person({ ...marie, first_name: 'Luisa', birthday: '2001-04-05', email: '' }),
      person({ ...marie, first_name: 'Ségolène', birthday: '2001-04-05', email: '' }),
      person({ ...marie, first_name: 'Solène', birthday: '2001-04-05', email: '' }),
    ];
    expect(found(twins)).toEqual([]);
  });

  it('keeps apart namesakes: the same name with nothing else in common, or another birthday', () => {
    const a = person(marie);
    const elsewhere = person({ first_name: 'Marie', last_name: 'Dubois', email: 'dubois.m@free.fr', postal_code: '69003', city: 'Lyon' });
    const nameOnly = person({ first_name: 'Marie', last_name: 'Dubois' });
    const b1 = person({ ...marie, email: '', mobile: '', birthday: '1970-01-02' });
    const b2 = person({ ...marie, email: '', mobile: '', birthday: '1985-07-30' });
    expect(found([a, elsewhere, nameOnly])).toEqual([]);
    expect(found([b1, b2])).toEqual([]);
  });
});

describe('findDuplicates: options', () => {
  const a = person(marie);
  const b = person({ ...marie, first_name: 'Marie', last_name: 'DUBOIS' });
  const c = person({ ...marie, email: '', last_name: 'Dubois', first_name: 'Mairie' });
  const x = person({ first_name: 'Pedro', last_name: 'Nunes', email: 'pedro@sapo.pt' });
  const y = person({ first_name: 'Pedro', last_name: 'Nunes', email: 'PEDRO@sapo.pt' });

  it('groups pairs into clusters (union-find), each sorted, the list sorted', () => {
    const { clusters } = findDuplicates([y, c, x, b, a], DEFAULT_DEDUPE_RULES, FR);
    expect(clusters).toEqual([
      [a.id, b.id, c.id],
      [x.id, y.id],
    ]);
    expect(
      clustersOf([
        { a: 'k', b: 'z' },
        { a: 'b', b: 'k' },
        { a: 'c', b: 'd' },
      ]),
    ).toEqual([
      ['b', 'k', 'z'],
      ['c', 'd'],
    ]);
  });

  it('never proposes a pair someone marked "not a duplicate"', () => {
    const notDuplicates = new Set([pairKey(b.id, a.id)]);
    const keys = found([a, b, c, x, y], DEFAULT_DEDUPE_RULES, { notDuplicates });
    expect(keys).not.toContain(pairKey(a.id, b.id));
    expect(keys).toContain(pairKey(a.id, c.id));
    expect(keys).toContain(pairKey(x.id, y.id));
  });

  it('with limitToIds, returns only pairs involving those ids', () => {
    const result = findDuplicates([a, b, c, x, y], DEFAULT_DEDUPE_RULES, { ...FR, limitToIds: new Set([c.id]) });
    expect(result.pairs.map((p) => pairKey(p.a, p.b)).sort()).toEqual([pairKey(a.id, c.id), pairKey(b.id, c.id)].sort());
    expect(result.compared).toBe(2);
  });

  it('sorts pairs best first', () => {
    const { pairs } = findDuplicates([a, b, c, x, y], DEFAULT_DEDUPE_RULES, FR);
    expect(pairs.map((p) => p.score)).toEqual(pairs.map((p) => p.score).sort((p, q) => q - p));
  });

  it('keeps the most alike pairs, ties in id order, and counts them all', () => {
    const { people } = generateDedupeTruth({ size: 1500, seed: 3 });
    const all = findDuplicates(people, DEFAULT_DEDUPE_RULES, FR);
    const byIds = (p: { score: number; a: string; b: string }, q: { score: number; a: string; b: string }) => q.score - p.score || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : 1);
    expect(all.pairs.length).toBeGreaterThan(100);
    expect(all.pairs).toEqual(all.pairs.slice().sort(byIds));
    for (const keep of [1, 37, 100]) {
      const some = findDuplicates(people, DEFAULT_DEDUPE_RULES, { ...FR, keep });
      expect(some.pairs).toEqual(all.pairs.slice(0, keep));
      expect(some.total_pairs).toBe(all.pairs.length);
      expect(some.clusters.flat().sort()).toEqual([...new Set(all.pairs.slice(0, keep).flatMap((p) => [p.a, p.b]))].sort());
    }
  });
});

describe('findDuplicates: work', () => {
  it('compares candidate pairs from blocking keys, never all pairs', () => {
    const { people } = generateDedupeTruth({ size: 3000, seed: 11 });
    const { compared } = findDuplicates(people, DEFAULT_DEDUPE_RULES, FR);
    const allPairs = (people.length * (people.length - 1)) / 2;
    expect(compared).toBeGreaterThan(people.length / 2);
    expect(compared).toBeLessThan(allPairs / 200);
  });

  it('prepares each contact in a run as it would alone, whatever the other contacts typed in which box', () => {
    const { people } = generateDedupeTruth({ size: 400, seed: 5 });
    // The same texts in other boxes: a phone typed as a given name, a nickname as a city, a name as an organisation.
    const crossed = people.slice(0, 100).map((p, k) =>
      person({
        first_name: p.phone || 'Bill',
        last_name: p.first_name,
        city: p.last_name || 'Bill',
        phone: p.first_name,
        mobile: p.mobile,
        organisation_name: p.city,
        kind: k % 2 ? 'organisation' : 'person',
      }),
    );
    const all = [...people, ...crossed, ...people.slice(0, 50)];
    const options = { defaultCountry: 'FR', gmailDots: false };
    const run = newParts();
    const plain = (p: PreparedPerson) => JSON.parse(JSON.stringify(p, (key, value) => (key === 'given' || key === 'family' ? undefined : value)));
    const inRun = all.map((p, i) => plain(preparePerson(p, i, options, run)));
    const alone = all.map((p, i) => plain(preparePerson(p, i, options)));
    expect(inRun).toEqual(alone);
    // Texts typed again are prepared once: each spelling of a name is one object in the run.
    const [a, b] = [preparePerson(all[0], 0, options, run), preparePerson(all[all.length - 50], 1, options, run)];
    expect(a.first).toBe(b.first);
  });

  it('tells, from the numbers of a run, each pair that something corroborates as mayReach does', () => {
    const crafted: [Partial<PersonRecord>, Partial<PersonRecord>][] = [
      [{ email: 'a@x.org', email_2: 'b@x.org' }, { email: 'b@x.org' }],
      [
        { email: 'a@x.org', email_2: 'b@x.org' },
        { email: 'c@x.org', email_2: 'b@x.org' },
      ],
      [{ email: 'c@x.org' }, { email: 'a@x.org', email_2: 'c@x.org' }],
      [{ phone: '01 23 45 67 89', mobile: '06 12 34 56 78' }, { mobile: '+33 6 12 34 56 78' }],
      [{ birthday: '1980-04-02' }, { birthday: '1980-04-02' }],
      [{ postal_code: '94103' }, { postal_code: '94103-1234' }],
      [
        { kind: 'organisation', organisation_name: 'Les Amis', city: 'Lyon' },
        { kind: 'organisation', organisation_name: 'Amis', city: 'lyon' },
      ],
    ];
    const people = crafted.flatMap(([a, b]) => [person({ first_name: 'Ana', last_name: 'Lima', ...a }), person({ first_name: 'Bea', last_name: 'Sousa', ...b })]);
    const prepared = people.map((p, i) => preparePerson(p, i, { defaultCountry: 'FR', gmailDots: false }));
    const reach = reachOf(prepared);
    for (let k = 0; k < prepared.length; k += 2) {
      expect([k, mayReach(prepared[k], prepared[k + 1], 0.8)]).toEqual([k, true]);
      expect([k, mayReachAt(reach, k, k + 1, 0.8), mayReachAt(reach, k + 1, k, 0.8)]).toEqual([k, true, true]);
    }
    // And none across the pairs: nothing is shared between them.
    for (let i = 0; i < prepared.length; i++) for (let j = 0; j < prepared.length; j++) if (i >> 1 !== j >> 1) expect(mayReachAt(reach, i, j, 0.8)).toBe(mayReach(prepared[i], prepared[j], 0.8));
    // What the numbers say of emails and phones is what the lists say, for any two records.
    for (let i = 0; i < prepared.length; i++)
      for (let j = 0; j < prepared.length; j++) {
        expect([i, j, sharedAt(reach, EMAIL, i, j)]).toEqual([i, j, shared(prepared[i].emails, prepared[j].emails)]);
        expect([i, j, sharedAt(reach, PHONE, i, j)]).toEqual([i, j, shared(prepared[i].phones, prepared[j].phones)]);
      }
  });

  it('spares the name comparisons only of pairs that cannot reach the threshold', () => {
    const { people } = generateDedupeTruth({ size: 250, seed: 7 });
    const prepared = people.map((p, i) => preparePerson(p, i, { defaultCountry: 'FR', gmailDots: false }));
    const pairs = (250 * 249) / 2;
    const spared = new Map<number, number>();
    const wrong: string[] = [];
    for (const threshold of [0.5, 0.51, 0.8, 1]) {
      const rules: DedupeRules = { ...DEFAULT_DEDUPE_RULES, threshold };
      // Every pair, not only a block's: the shortcut must hold for any two contacts.
      for (let i = 0; i < prepared.length; i++)
        for (let j = i + 1; j < prepared.length; j++) {
          if (mayReach(prepared[i], prepared[j], threshold)) continue;
          spared.set(threshold, (spared.get(threshold) ?? 0) + 1);
          if (scorePair(prepared[i], prepared[j], rules) >= threshold) wrong.push(`${people[i].id}|${people[j].id} at ${threshold}`);
        }
    }
    expect(wrong).toEqual([]);
    // The engine's form of it, numbers for every record at once, answers the same for every pair.
    const reach = reachOf(prepared);
    const differ: string[] = [];
    for (const threshold of [0.5, 0.8])
      for (let i = 0; i < prepared.length; i++)
        for (let j = 0; j < prepared.length; j++) if (i !== j && mayReachAt(reach, i, j, threshold) !== mayReach(prepared[i], prepared[j], threshold)) differ.push(`${people[i].id}|${people[j].id}`);
    expect(differ).toEqual([]);
    // Most pairs are namesakes and strangers: nothing but a name could make them one.
    expect(spared.get(0.5)).toBeUndefined();
    for (const threshold of [0.51, 0.8, 1]) expect(spared.get(threshold)).toBeGreaterThan(pairs * 0.9);
    // At half or below, an uncorroborated pair may still reach it: none is spared, and it is found.
    const loose = findDuplicates(
      [person({ id: 'a', first_name: 'Ana', last_name: 'Lima' }), person({ id: 'b', first_name: 'Ana', last_name: 'Lima' })],
      { ...DEFAULT_DEDUPE_RULES, threshold: 0.5 },
      FR,
    );
    expect(loose.pairs.map((p) => [p.a, p.b])).toEqual([['a', 'b']]);
  });

  it('scores every pair from the numbers as from the records, whatever differs between them', () => {
    // The generated base (typos, nicknames, swapped names, shared addresses, organisations), with each
    // contact's twin, a namesake of another kind, and contacts missing each field in turn.
    const { people: base } = generateDedupeTruth({ size: 120, seed: 11 });
    const people = [
      ...base,
      ...base.slice(0, 30).map((p) => ({ ...p, id: `${p.id}-twin` })),
      ...base.slice(30, 40).map((p) => ({ ...p, id: `${p.id}-org`, kind: 'organisation', organisation_name: p.last_name })),
      ...['first_name', 'last_name', 'email', 'phone', 'postal_code', 'city', 'birthday', 'organisation_name'].flatMap((field, k) =>
        base.slice(40 + 5 * k, 45 + 5 * k).map((p) => ({ ...p, id: `${p.id}-no-${field}`, [field]: '' })),
      ),
    ];
    // One run's name parts, as the engine shares them: the same spelling is the same number.
    const run = newParts();
    const prepared = people.map((p, i) => preparePerson(p, i, { defaultCountry: 'FR', gmailDots: false }, run));
    const reach = reachOf(prepared);
    const rulesOf = [
      DEFAULT_DEDUPE_RULES,
      { ...DEFAULT_DEDUPE_RULES, fields: [{ field: 'name' as const, weight: 3 }, ...DEFAULT_DEDUPE_RULES.fields.filter((f) => f.field !== 'first_name' && f.field !== 'last_name')] },
    ];
    const differ: string[] = [];
    let alike = 0;
    for (const rules of rulesOf)
      for (let i = 0; i < prepared.length; i++)
        for (let j = 0; j < prepared.length; j++) {
          if (i === j) continue;
          const [numbers, texts] = [scoreAt(reach, prepared, i, j, rules), scorePair(prepared[i], prepared[j], rules)];
          if (numbers !== texts) differ.push(`${people[i].id}|${people[j].id}: ${numbers} ≠ ${texts}`);
          if (texts >= 0.8) alike++;
        }
    expect(differ).toEqual([]);
    // The pairs hold likely duplicates, not only strangers.
    expect(alike).toBeGreaterThan(100);
  });

  it('compares a huge block (500 contacts writing to one info@ address) only within a sorted window', () => {
    const people = Array.from({ length: 500 }, (_, i) => person({ first_name: `Name${i}`, last_name: `Family${i}`, email: 'info@example.org' }));
    const { compared } = findDuplicates(people, DEFAULT_DEDUPE_RULES, FR);
    expect(compared).toBeLessThanOrEqual(500 * 10);
    expect(findDuplicates(people.slice(0, 20), DEFAULT_DEDUPE_RULES, FR).compared).toBe((20 * 19) / 2);
  });

  it('finds the same pairs in a huge block of namesakes however the rows are ordered (a sheet sorted, a database read)', () => {
    // Three names, thirty contacts each, all writing to one address: each name's thirty tie in the
    // block's order, more than its window holds, so which of them are compared is the ties' order.
    const people = Array.from({ length: 90 }, (_, n) =>
      person({
        id: `con_${String(n).padStart(3, '0')}`,
        first_name: ['Ana', 'Bruno', 'Carla'][n % 3],
        last_name: 'Lima',
        email: 'info@example.org',
        phone: `06 12 34 56 ${String(n % 7).padStart(2, '0')}`,
        birthday: n % 2 ? '1980-02-03' : '',
      }),
    );
    const answer = (rows: PersonRecord[]) => {
      const { pairs, compared, total_pairs } = findDuplicates(rows, DEFAULT_DEDUPE_RULES, FR);
      return { pairs: pairs.map((p) => `${p.a}|${p.b} ${p.score}`), compared, total_pairs };
    };
    const first = answer(people);
    expect(first.compared).toBeLessThan((90 * 89) / 2);
    expect(first.total_pairs).toBeGreaterThan(100);
    const random = seededRandom(5);
    for (const rows of [[...people].reverse(), [...people].sort(() => random() - 0.5), [...people].sort((x, y) => (x.phone! < y.phone! ? -1 : x.phone! > y.phone! ? 1 : 0))])
      expect(answer(rows)).toEqual(first);
  });
});

describe('The pairs found, kept as numbers', () => {
  it('answers them all when asked for all, however many (a run with nothing to keep out)', () => {
    const found = new FoundPairs();
    const size = 300_000;
    for (let k = 0; k < size; k++) found.add(k, k + 1, k % 2 ? 900 : 1000);
    const byId = Int32Array.from({ length: size + 1 }, (_, k) => k);
    const all = found.mostAlike(byId, size);
    expect(all).toHaveLength(size);
    expect([all[0], all[1], all[size / 2], all[size - 1]]).toEqual([0, 2, 1, size - 1]);
  });

  it('takes the pairs another thread found all at once, as if added one by one', () => {
    const [one, all] = [new FoundPairs(), new FoundPairs()];
    for (let k = 0; k < 700; k++) [one, all].forEach((f) => f.add(k, k + 1, k % 1001));
    // Arrays longer than the pairs they hold (only the first `length` count), past the room there is.
    const part = {
      x: Int32Array.from({ length: 3000 }, (_, k) => 5000 + k),
      y: Int32Array.from({ length: 3000 }, (_, k) => 9000 + k),
      score: Int16Array.from({ length: 3000 }, (_, k) => k % 7),
      length: 2500,
    };
    all.append(part);
    for (let k = 0; k < part.length; k++) one.add(part.x[k], part.y[k], part.score[k]);
    all.append({ ...part, length: 0 });
    expect(all.length).toBe(3200);
    const held = (f: FoundPairs) => [Array.from(f.x.subarray(0, f.length)), Array.from(f.y.subarray(0, f.length)), Array.from(f.score.subarray(0, f.length))];
    expect(held(all)).toEqual(held(one));
  });

  it('answers the most alike first, then in id order, as sorting them all would, however many tie', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const size = 400;
    // Places in id order, shuffled against the records' order.
    const byId = Int32Array.from({ length: size }, (_, k) => (k * 37) % size);
    for (const scores of [[1000], [1000, 990], [1000, 950, 950, 800], [870, 870, 870]]) {
      const found = new FoundPairs();
      const pairs: [number, number, number][] = [];
      for (let k = 0; k < 3000; k++) {
        const [x, y] = [Math.floor(random() * size), Math.floor(random() * size)];
        if (x === y || pairs.some(([a, b]) => a === x && b === y)) continue;
        const score = scores[Math.floor(random() * scores.length)];
        found.add(x, y, score);
        pairs.push([x, y, score]);
      }
      const sorted = pairs.map((p, k) => [...p, k]).sort((p, q) => q[2] - p[2] || byId[p[0]] - byId[q[0]] || byId[p[1]] - byId[q[1]]);
      for (const keep of [0, 1, 50, 700, pairs.length, pairs.length + 10]) expect([scores, keep, found.mostAlike(byId, keep)]).toEqual([scores, keep, sorted.slice(0, keep).map((p) => p[3])]);
    }
  });
});

/** The blocking keys as texts, as they were written before they became numbers: what the numbers must
 *  keep (the same records share a key; sort texts in the same order). */
function keyTexts(p: PreparedPerson): { key: string; sort: string }[] {
  const keys: { key: string; sort: string }[] = [];
  const add = (key: string, sort: string) => !keys.some((k) => k.key === key) && keys.push({ key, sort });
  const first = p.first.words[0] ?? '';
  const last = p.last.words[0] ?? '';
  const straight = `${p.last.joined} ${p.first.joined}`;
  const swapped = `${p.first.joined} ${p.last.joined}`;
  const byName = p.organisation ? p.orgName.joined : straight;
  for (const email of p.emails) add(`e:${email}`, byName);
  for (const phone of p.phones) add(`p:${phone}`, byName);
  if (p.organisation) {
    if (p.orgName.joined !== '') add(`o:${p.orgName.joined.slice(0, 6)}|${p.postal}`, p.orgName.joined);
    return keys;
  }
  if (first !== '' && last !== '') {
    add(`n:${first[0]}${last.slice(0, 4)}`, straight);
    add(`n:${last[0]}${first.slice(0, 4)}`, swapped);
  }
  if (p.postal !== '') {
    if (last !== '') add(`z:${last}|${p.postal}`, straight);
    if (first !== '') add(`z:${first}|${p.postal}`, swapped);
    if (first !== '' && last !== '') add(`i:${[first[0], last[0]].sort().join('')}|${p.postal}`, straight);
  }
  if (p.birthday !== '') {
    if (last !== '') add(`b:${p.birthday}|${last[0]}`, straight);
    if (first !== '') add(`b:${p.birthday}|${first[0]}`, swapped);
  }
  return keys;
}

describe('Blocking keys as numbers', () => {
  it('put the same records together, and in the same order, as the keys written as texts', () => {
    const { people } = generateDedupeTruth({ size: 1500, seed: 17 });
    // Names that start one another, one word in both boxes, particles, initials only, organisations
    // with and without a postcode, a birthday without a name.
    const edges = [
      person({ first_name: 'Ana', last_name: 'Anaya', postal_code: '28001', birthday: '1980-02-03' }),
      person({ first_name: 'Anaya', last_name: 'Ana', postal_code: '28001' }),
      person({ first_name: 'Ana', last_name: 'Ana', postal_code: '28001', email: 'ana@example.es' }),
      person({ first_name: 'J.', last_name: 'de la Cruz', postal_code: '28001', birthday: '1980-02-03' }),
      person({ first_name: 'Jo', last_name: 'Cruz', postal_code: '28001' }),
      person({ first_name: '', last_name: 'Cruz', postal_code: '28001', birthday: '1980-02-03' }),
      person({ first_name: 'Zoé', last_name: '', birthday: '1980-02-03', phone: '06 12 34 56 78' }),
      person({ kind: 'organisation', organisation_name: 'Association des amis', postal_code: '75011', phone: '06 12 34 56 78' }),
      person({ kind: 'organisation', organisation_name: 'Association des amies', email: 'ana@example.es' }),
      person({ kind: 'organisation', organisation_name: 'Asso', postal_code: '75011' }),
      person({ first_name: 'Association', last_name: 'Des', email: 'ana@example.es' }),
    ];
    const run = newParts();
    const prepared = [...people, ...edges].map((p, i) => preparePerson(p, i, { defaultCountry: 'FR', gmailDots: false }, run));
    const numbers = blockingKeys(prepared, reachOf(prepared));
    const texts = prepared.flatMap((p) => keyTexts(p));
    expect(numbers.key.length).toBe(texts.length);
    prepared.forEach((p, i) => expect([i, numbers.recordStart[i + 1] - numbers.recordStart[i]]).toEqual([i, keyTexts(p).length]));
    // The same partition of memberships into blocks.
    const groups = (ids: (string | number)[]) => {
      const first = new Map<string | number, number>();
      return ids.map((id, m) => (first.has(id) ? first.get(id)! : (first.set(id, m), m)));
    };
    expect(groups(Array.from(numbers.key))).toEqual(groups(texts.map((t) => t.key)));
    // The same order of sort texts, ties included.
    const order = texts.map((_, m) => m).sort((x, y) => numbers.sort[x] - numbers.sort[y]);
    for (let k = 1; k < order.length; k++) {
      const [before, after] = [texts[order[k - 1]].sort, texts[order[k]].sort];
      expect([before, after, numbers.sort[order[k - 1]] === numbers.sort[order[k]]]).toEqual([before, after, before === after]);
      expect(before <= after).toBe(true);
    }
  });
});

/** Work shared as the service shares it, on the test double of threads; `answers` records what each
 *  other part answered. With `chunk`, each other part is sent the records as texts of `chunk` records
 *  (as a database's are read), all before the run starts, and `sent` of them only when given. */
function sharedOn(threads: SameThread, people: PersonRecord[], rules: DedupeRules, options: object, answers: PairsPart[] = [], chunk?: number, sent?: number): SharedWork {
  const parts = threads.helpers + 1;
  const texts: PeopleText[] = [];
  for (let from = 0; chunk && from < people.length; from += chunk) {
    const rows = people.slice(from, from + chunk).map((p) => PERSON_FIELDS.map((f) => p[f]));
    texts.push({ text: JSON.stringify(rows), rows: rows.length, json: true });
  }
  const contacts = chunk ? { texts: texts.length } : { columns: peopleToColumns(people, PERSON_FIELDS) };
  const begun = Array.from({ length: parts - 1 }, (_, k) => {
    const work = threads.start('duplicates', { ...contacts, rules, options: { ...FR, ...options }, part: k + 1, parts });
    for (const text of texts.slice(0, sent ?? texts.length)) work.send(text);
    return work;
  });
  return {
    parts,
    start: (part) => {
      const work = begun[part - 1];
      return {
        blocks: () => work.receive() as Blocks,
        send: (numbers: RunNumbers) => work.send(numbers),
        wait: () => {
          const answer = work.wait() as PairsPart;
          answers.push(answer);
          return answer;
        },
        stop: () => work.stop(),
      };
    },
  };
}

describe('findDuplicates: shared with other threads', () => {
  const { people } = generateDedupeTruth({ size: 1200, seed: 23 });
  const ids = new Set(people.slice(0, 300).map((p) => p.id));
  const alone = (options: object) => findDuplicates(people, DEFAULT_DEDUPE_RULES, { ...FR, ...options });

  it('answers what one thread answers, each part finding its own pairs', () => {
    const marked = new Set(
      alone({})
        .pairs.slice(0, 20)
        .map((p) => pairKey(p.a, p.b)),
    );
    for (const options of [{}, { limitToIds: ids }, { notDuplicates: marked }, { keep: 15 }]) {
      const expected = alone(options);
      for (const helpers of [1, 2]) {
        const threads = new SameThread(helpers);
        const answers: PairsPart[] = [];
        const shared = findDuplicates(people, DEFAULT_DEDUPE_RULES, { ...FR, ...options }, sharedOn(threads, people, DEFAULT_DEDUPE_RULES, options, answers));
        expect(shared).toEqual(expected);
        expect(threads.started).toBe(helpers);
        // Each other part found pairs, and fewer than all: the work was shared, not repeated.
        for (const answer of answers) expect(answer.length > 0 && answer.length < expected.total_pairs).toBe(true);
      }
    }
  });

  it('answers the same when the other threads are sent the records as texts, a chunk at a time', () => {
    for (const helpers of [1, 2]) {
      for (const chunk of [1, 250, 5000]) {
        const answers: PairsPart[] = [];
        const shared = findDuplicates(people, DEFAULT_DEDUPE_RULES, FR, sharedOn(new SameThread(helpers), people, DEFAULT_DEDUPE_RULES, {}, answers, chunk));
        expect(shared).toEqual(alone({}));
        expect(answers).toHaveLength(helpers);
        for (const answer of answers) expect(answer.length).toBeGreaterThan(0);
      }
    }
  });

  it('works a part here when its thread fails, and answers the same', () => {
    const threads = new SameThread(1, true);
    expect(findDuplicates(people, DEFAULT_DEDUPE_RULES, FR, sharedOn(threads, people, DEFAULT_DEDUPE_RULES, {}))).toEqual(alone({}));
    expect(threads.started).toBe(1);
    // Threads sent fewer texts than they were told: each waits for the rest, and the caller works their
    // parts (the first one's blocks too).
    const answers: PairsPart[] = [];
    expect(findDuplicates(people, DEFAULT_DEDUPE_RULES, FR, sharedOn(new SameThread(2), people, DEFAULT_DEDUPE_RULES, {}, answers, 250, 3))).toEqual(alone({}));
    expect(answers).toHaveLength(0);
  });
});
