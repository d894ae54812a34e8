import { LANGUAGE_PACKS, type DemoLanguage } from '../../src/core/demo-names';
import { pairKey } from '../../src/core/dedupe/engine';
import type { PersonRecord } from '../../src/core/dedupe/people';
import { seededRandom } from '../../src/services/demo-data';

/** A contact list with known truth for the de-duplication engine: distinct people in English, French,
 *  Spanish and Portuguese (with the families, twins and namesakes that make matching hard), and
 *  duplicates of some of them, damaged the way real lists are. Seeded, so every run is the same.
 *  Every duplicate keeps at least one detail only its person has (an email, a phone, a birthday or a
 *  postcode): a copy that shares nothing but a name is indistinguishable from a namesake, to a person
 *  as to the engine, and is not counted as findable. */

export interface DedupeTruth {
  people: PersonRecord[];
  /** pairKey of every pair of records that are the same person. */
  truePairs: Set<string>;
  /** How each record was made ('base', 'family-email', 'twin', 'dup:typo-first+drop', …), by id. */
  origin: Map<string, string>;
}

export interface TruthOptions {
  size: number;
  seed?: number;
  /** Share of records that are duplicates of another (default 0.15). */
  duplicateShare?: number;
  /** Phones of this country are often written the national way; others always with '+' or '00'. */
  defaultCountry?: string;
}

type Rand = () => number;

const mulberry32 = (seed: number): Rand => seededRandom(seed);

const GIVEN: Record<DemoLanguage, string[]> = {
  en: [
    'William',
    'Robert',
    'Elizabeth',
    'Katherine',
    'Michael',
    'Thomas',
    'Richard',
    'David',
    'Margaret',
    'Jennifer',
    'Rebecca',
    'Benjamin',
    'Timothy',
    'Peter',
    'Victoria',
    'Frederick',
    'Kenneth',
    'Andrew',
    'Anthony',
    'Edward',
    'Joseph',
    'Charles',
    'Nicholas',
    'Matthew',
    'Susan',
    'Deborah',
    'Gregory',
    'Philip',
    'Abigail',
    'Sophie',
    'Isla',
    'Freya',
    'Harriet',
    'Oscar',
    'Arthur',
    'Florence',
    'Imogen',
    'Rosalind',
    'Declan',
    'Niamh',
    'Tariq',
    'Yusuf',
    'Leah',
    'Megan',
    'Bethany',
    'Gareth',
    'Rhys',
    'Callum',
    'Fiona',
  ],
  fr: [
    'Marie',
    'Pierre',
    'Camille',
    'Julien',
    'Nathalie',
    'Isabelle',
    'Sébastien',
    'Stéphane',
    'Aurélie',
    'Céline',
    'Émilie',
    'Guillaume',
    'Nicolas',
    'Mathilde',
    'Élodie',
    'Margaux',
    'Jean-Baptiste',
    'Jean-Pierre',
    'Anne-Sophie',
    'Pierre-Yves',
    'Thibault',
    'Océane',
    'Solène',
    'Gwenaëlle',
    'Yannick',
    'Hervé',
    'Gérard',
    'Brigitte',
    'Sylvie',
    'Agnès',
    'Bérénice',
    'Maxime',
    'Romain',
    'Lucie',
    'Clémence',
    'Delphine',
    'Frédéric',
    'Grégoire',
    'Hugues',
    'Ségolène',
    'Capucine',
    'Aurélien',
    'Jules',
    'Ophélie',
    'Timothée',
  ],
  es: [
    'José Luis',
    'Juan Carlos',
    'María del Carmen',
    'Carmen',
    'Francisco',
    'Antonio',
    'Manuel',
    'Dolores',
    'Ignacio',
    'Guadalupe',
    'Concepción',
    'Rosario',
    'Enrique',
    'Rafael',
    'Santiago',
    'Javier',
    'Miguel',
    'Alejandro',
    'Pablo',
    'Sergio',
    'Fernando',
    'Elena',
    'Laura',
    'Marta',
    'Cristina',
    'Paula',
    'Raquel',
    'Rocío',
    'Teresa',
    'Montserrat',
    'Ángela',
    'Irene',
    'Yolanda',
    'Guillermo',
    'Diego',
    'Adrián',
    'Rubén',
    'Iker',
    'Unai',
    'Marina',
    'Silvia',
    'Nerea',
    'Amparo',
    'Consuelo',
    'Mercedes',
  ],
  pt: [
    'José',
    'Francisco',
    'Joaquim',
    'Fernando',
    'Eduardo',
    'Guilherme',
    'Fernanda',
    'Manuel',
    'Pedro',
    'Rafael',
    'Gabriel',
    'Lucas',
    'Matheus',
    'Mariana',
    'Carolina',
    'Larissa',
    'Camila',
    'Rodrigo',
    'Diogo',
    'Duarte',
    'Afonso',
    'Rita',
    'Catarina',
    'Francisca',
    'Margarida',
    'Tiago',
    'Bruno',
    'Vinícius',
    'Letícia',
    'Fábio',
    'Márcio',
    'Renata',
    'Patrícia',
    'Sandra',
    'Paulo',
    'Ricardo',
    'João Pedro',
    'Maria Eduarda',
    'Ana Clara',
    'António',
  ],
};

const FAMILY: Record<DemoLanguage, string[]> = {
  en: [
    'Walker',
    'Robinson',
    'Wright',
    'Thompson',
    'White',
    'Hall',
    'Green',
    'Wood',
    'Thomas',
    'Jackson',
    'Lewis',
    'Roberts',
    'Edwards',
    'Turner',
    'Parker',
    'Collins',
    'Stewart',
    'Morris',
    'Murphy',
    'Cook',
    'Rogers',
    'Morgan',
    'Cooper',
    'Peterson',
    'Bailey',
    'Reed',
    'Kelly',
    'Howard',
    'Ward',
    'Richardson',
    'Watson',
    'Brooks',
    'Bennett',
    'Gray',
    'Price',
    'Sanders',
    'Ross',
    'Foster',
    'Powell',
    'Jenkins',
    'Perry',
    'Russell',
    'Sullivan',
    'Bell',
    'Coleman',
    'Butler',
    'Henderson',
    'Barnes',
    'Fisher',
    'Ellis',
    'Graham',
    'Murray',
    'Kennedy',
    'Hamilton',
    'Gordon',
    'Shaw',
    'Holmes',
    'Knight',
    'Ferguson',
    'Hawkins',
    'Dunn',
    'Lynch',
    "O'Connor",
    "O'Neill",
    'McCarthy',
  ],
  fr: [
    'Bernard',
    'Thomas',
    'Petit',
    'Robert',
    'Richard',
    'Durand',
    'Leroy',
    'Simon',
    'Laurent',
    'Michel',
    'Lefebvre',
    'Bertrand',
    'Roux',
    'Vincent',
    'Fontaine',
    'Lambert',
    'Bonnet',
    'François',
    'Legrand',
    'Gauthier',
    'Perrin',
    'Morel',
    'Blanc',
    'Guérin',
    'Boyer',
    'Gaillard',
    'Barbier',
    'Arnaud',
    'Roussel',
    'Picard',
    'Renaud',
    'Aubert',
    'Lemoine',
    'Colin',
    'Vidal',
    'Caron',
    'Marchand',
    'Dumas',
    'Meunier',
    'Joly',
    'Lacroix',
    'Le Gall',
    'Le Goff',
    'Kerbrat',
    'Delaunay',
    'Dupont',
    'Deschamps',
    'Leclerc',
    'de Saint-Exupéry',
    'Saint-Martin',
    'Bouchard',
    'Méndez-Huet',
    'Lebreton',
    'Tessier',
    'Marais',
    'Besnard',
    'Chauvin',
    'Hébert',
  ],
  es: [
    'Gutiérrez',
    'Romero',
    'Navarro',
    'Torres',
    'Domínguez',
    'Vázquez',
    'Ramos',
    'Gil',
    'Ramírez',
    'Serrano',
    'Blanco',
    'Molina',
    'Morales',
    'Suárez',
    'Ortega',
    'Delgado',
    'Castro',
    'Rubio',
    'Marín',
    'Sanz',
    'Medina',
    'Garrido',
    'Cortés',
    'Castillo',
    'Santos',
    'Lozano',
    'Guerrero',
    'Cano',
    'Prieto',
    'Méndez',
    'Cruz',
    'Calvo',
    'Gallego',
    'León',
    'Herrera',
    'Márquez',
    'Flores',
    'Cabrera',
    'Campos',
    'Vega',
    'Fuentes',
    'Carrasco',
    'Caballero',
    'Reyes',
    'Aguilar',
    'Pascual',
    'Herrero',
    'Lorenzo',
    'Hidalgo',
    'Montero',
    'Giménez',
    'Ibarra',
    'Echeverría',
    'Goikoetxea',
    'de la Fuente',
    'del Río',
  ],
  pt: [
    'Oliveira',
    'Sousa',
    'Rodrigues',
    'Ferreira',
    'Alves',
    'Lima',
    'Gomes',
    'Costa',
    'Martins',
    'Rocha',
    'Almeida',
    'Lopes',
    'Soares',
    'Fernandes',
    'Vieira',
    'Barbosa',
    'Barros',
    'Freitas',
    'Cardoso',
    'Teixeira',
    'Cavalcanti',
    'Dias',
    'Monteiro',
    'Mendes',
    'Moreira',
    'Nunes',
    'Marques',
    'Machado',
    'Correia',
    'Pinto',
    'Moura',
    'Cunha',
    'Azevedo',
    'Medeiros',
    'Tavares',
    'Matos',
    'Quintela',
    'Valente',
    'Neves',
    'Reis',
    'Carmo',
  ],
};

/** Nicknames people put on forms, by the given name above they stand for. */
const NICKNAMES: Record<string, string[]> = {
  William: ['Bill', 'Will', 'Billy'],
  Robert: ['Bob', 'Rob', 'Bobby'],
  Elizabeth: ['Liz', 'Beth', 'Betty'],
  Katherine: ['Kate', 'Katie', 'Cathy'],
  Michael: ['Mike'],
  Thomas: ['Tom', 'Tommy'],
  Richard: ['Rick', 'Dick'],
  David: ['Dave'],
  Margaret: ['Maggie', 'Peggy'],
  Jennifer: ['Jenny', 'Jen'],
  Rebecca: ['Becky'],
  Benjamin: ['Ben'],
  Timothy: ['Tim'],
  Peter: ['Pete'],
  Victoria: ['Vicky'],
  Frederick: ['Fred'],
  Kenneth: ['Ken'],
  Andrew: ['Andy'],
  Anthony: ['Tony'],
  Edward: ['Eddie'],
  Joseph: ['Joe'],
  Charles: ['Charlie'],
  Nicholas: ['Nick'],
  Matthew: ['Matt'],
  Susan: ['Sue'],
  Deborah: ['Debbie'],
  Gregory: ['Greg'],
  Philip: ['Phil'],
  Abigail: ['Abby'],
  'Jean-Baptiste': ['JB'],
  Isabelle: ['Zaza'],
  José: ['Pepe', 'Zé'],
  Francisco: ['Paco', 'Curro', 'Pancho', 'Chico'],
  Dolores: ['Lola'],
  Ignacio: ['Nacho'],
  Guadalupe: ['Lupe'],
  Concepción: ['Concha'],
  Rosario: ['Charo'],
  Enrique: ['Quique'],
  Manuel: ['Manolo'],
  Rafael: ['Rafa'],
  Santiago: ['Santi'],
  Antonio: ['Toni'],
  António: ['Tonho', 'Toninho'],
  Consuelo: ['Chelo'],
  Mercedes: ['Merche'],
  Joaquim: ['Quim'],
  Fernando: ['Nando'],
  Fernanda: ['Nanda'],
  Eduardo: ['Dudu'],
  Guilherme: ['Gui'],
};

interface City {
  city: string;
  country: string;
  postcode: (r: Rand) => string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const range = (prefix: string, lo: number, hi: number, width: number) => (r: Rand) => prefix + pad(int(r, lo, hi), width);
const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const uk = (areas: string[]) => (r: Rand) => `${pick(r, areas)} ${int(r, 1, 9)}${pick(r, [...LETTERS])}${pick(r, [...LETTERS])}`;
const dashed = (lo: number, hi: number, width: number) => (r: Rand) => `${pad(int(r, lo, hi), width)}-${pad(int(r, 0, 999), 3)}`;

const CITIES: Record<DemoLanguage, City[]> = {
  en: [
    { city: 'Boston', country: 'US', postcode: range('021', 8, 36, 2) },
    { city: 'New York', country: 'US', postcode: range('100', 1, 40, 2) },
    { city: 'San Francisco', country: 'US', postcode: range('941', 2, 34, 2) },
    { city: 'Chicago', country: 'US', postcode: range('606', 1, 60, 2) },
    { city: 'London', country: 'GB', postcode: uk(['N1', 'E2', 'SW1A', 'SE15', 'NW3', 'W11', 'EC1V', 'E8', 'N16', 'SW9']) },
    { city: 'Manchester', country: 'GB', postcode: uk(['M1', 'M4', 'M13', 'M14', 'M20', 'M21']) },
    { city: 'Edinburgh', country: 'GB', postcode: uk(['EH1', 'EH3', 'EH6', 'EH9', 'EH10']) },
  ],
  fr: [
    { city: 'Paris', country: 'FR', postcode: range('750', 1, 20, 2) },
    { city: 'Lyon', country: 'FR', postcode: range('6900', 1, 9, 1) },
    { city: 'Marseille', country: 'FR', postcode: range('130', 1, 16, 2) },
    { city: 'Bourg-en-Bresse', country: 'FR', postcode: () => '01000' },
    { city: 'Nantes', country: 'FR', postcode: (r) => pick(r, ['44000', '44100', '44200', '44300']) },
    { city: 'Toulouse', country: 'FR', postcode: range('31', 0, 5, 1) },
    { city: 'Saint-Étienne', country: 'FR', postcode: (r) => pick(r, ['42000', '42100']) },
    { city: 'Rennes', country: 'FR', postcode: (r) => pick(r, ['35000', '35200', '35700']) },
  ],
  es: [
    { city: 'Madrid', country: 'ES', postcode: range('280', 1, 55, 2) },
    { city: 'Barcelona', country: 'ES', postcode: range('080', 1, 42, 2) },
    { city: 'Sevilla', country: 'ES', postcode: range('410', 1, 20, 2) },
    { city: 'Valencia', country: 'ES', postcode: range('460', 1, 26, 2) },
    { city: 'Bilbao', country: 'ES', postcode: range('480', 1, 15, 2) },
    { city: 'A Coruña', country: 'ES', postcode: range('150', 1, 11, 2) },
    { city: 'Logroño', country: 'ES', postcode: range('260', 1, 9, 2) },
  ],
  pt: [
    { city: 'Lisboa', country: 'PT', postcode: dashed(1000, 1999, 4) },
    { city: 'Porto', country: 'PT', postcode: dashed(4000, 4369, 4) },
    { city: 'Coimbra', country: 'PT', postcode: dashed(3000, 3049, 4) },
    { city: 'São Paulo', country: 'BR', postcode: dashed(1000, 5999, 5) },
    { city: 'Rio de Janeiro', country: 'BR', postcode: dashed(20000, 23799, 5) },
    { city: 'Belo Horizonte', country: 'BR', postcode: dashed(30000, 31999, 5) },
    { city: 'Florianópolis', country: 'BR', postcode: dashed(88000, 88099, 5) },
  ],
};

const ORGANISATIONS: Record<DemoLanguage, string[]> = {
  en: ['{f} Foundation', 'The {f} Trust', '{f} Community Newsroom', 'Friends of {f} Park', '{f} Street Tenants Association', '{f} Media Collective'],
  fr: ['Fondation {f}', 'Association des Amis de {f}', 'Collectif {f}', 'Maison {f}', 'Cercle {f}', 'Éditions {f}'],
  es: ['Fundación {f}', 'Asociación Vecinal {f}', 'Colectivo {f}', 'Radio {f}', 'Diario {f}', 'Ateneo {f}'],
  pt: ['Fundação {f}', 'Associação Cultural {f}', 'Instituto {f}', 'Rádio {f}', 'Coletivo {f}', 'Jornal {f}'],
};

const DOMAINS: Record<DemoLanguage, string[]> = {
  en: ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.co.uk', 'icloud.com', 'aol.com'],
  fr: ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'wanadoo.fr'],
  es: ['gmail.com', 'hotmail.es', 'yahoo.es', 'telefonica.net', 'outlook.es'],
  pt: ['gmail.com', 'sapo.pt', 'hotmail.com', 'uol.com.br', 'bol.com.br', 'terra.com.br'],
};
const LANGUAGES: DemoLanguage[] = ['en', 'fr', 'es', 'pt'];

interface Phone {
  country: string;
  /** The national significant number: no trunk 0, no country code. */
  nsn: string;
}

const CALLING: Record<string, string> = { FR: '33', ES: '34', PT: '351', BR: '55', US: '1', GB: '44' };

function digits(r: Rand, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += int(r, 0, 9);
  return s;
}

function newPhone(r: Rand, country: string, mobile: boolean): Phone {
  const nsn: Record<string, () => string> = {
    FR: () => (mobile ? pick(r, ['6', '7']) : String(int(r, 1, 5))) + digits(r, 8),
    ES: () => (mobile ? '6' + digits(r, 8) : pick(r, ['91', '93', '95']) + digits(r, 7)),
    PT: () => (mobile ? pick(r, ['91', '92', '93', '96']) : pick(r, ['21', '22', '23'])) + digits(r, 7),
    BR: () => pick(r, ['11', '21', '31', '48']) + (mobile ? '9' + digits(r, 8) : int(r, 2, 5) + digits(r, 7)),
    US: () => pick(r, ['617', '212', '415', '312']) + int(r, 2, 9) + digits(r, 6),
    GB: () => (mobile ? '7' + digits(r, 9) : '20' + digits(r, 8)),
  };
  return { country, nsn: nsn[country]() };
}

const groups = (s: string, sizes: number[], sep = ' ') => {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) if (at < s.length) out.push(s.slice(at, (at += n)));
  if (at < s.length) out.push(s.slice(at));
  return out.join(sep);
};

/** A phone number written one of the ways people write it; national forms only for the home country. */
function writePhone(r: Rand, p: Phone, home: string): string {
  const cc = CALLING[p.country];
  const national: Record<string, () => string> = {
    FR: () => pick(r, [groups('0' + p.nsn, [2, 2, 2, 2, 2]), '0' + p.nsn, groups('0' + p.nsn, [2, 2, 2, 2, 2], '.')]),
    ES: () => pick(r, [groups(p.nsn, [3, 3, 3]), p.nsn]),
    PT: () => pick(r, [groups(p.nsn, [3, 3, 3]), p.nsn]),
    BR: () => `(${p.nsn.slice(0, 2)}) ${p.nsn.slice(2, -4)}-${p.nsn.slice(-4)}`,
    US: () => pick(r, [`(${p.nsn.slice(0, 3)}) ${p.nsn.slice(3, 6)}-${p.nsn.slice(6)}`, groups(p.nsn, [3, 3, 4], '-')]),
    GB: () => groups('0' + p.nsn, p.nsn.startsWith('7') ? [5, 6] : [3, 4, 4]),
  };
  const style = p.country === home ? int(r, 0, 3) : int(r, 1, 3);
  if (style === 0) return national[p.country]();
  if (style === 1) return `+${cc}${p.nsn}`;
  if (style === 2) return `+${cc} ${groups(p.nsn, p.country === 'FR' ? [1, 2, 2, 2, 2] : [3, 3, 3, 3])}`;
  return `00${cc} ${groups(p.nsn, [3, 3, 3, 3])}`;
}

interface Person {
  entity: number;
  origin: string;
  lang: DemoLanguage;
  kind: 'person' | 'organisation';
  first: string;
  last: string;
  org: string;
  city: City;
  postal: string;
  emails: string[];
  phone: Phone | null;
  mobile: Phone | null;
  birthday: string;
  /** Given names already used in this person's family (folded), so that relatives never share one. */
  family: Set<string>;
  /** As written on this record. */
  written: { phone: string; mobile: string; city: string };
}

const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const slug = (s: string) =>
  plain(s)
    .toLowerCase()
    .replace(/[^a-z]+/g, '');

function birthdayOf(r: Rand): string {
  return `${int(r, 1940, 2006)}-${pad(int(r, 1, 12), 2)}-${pad(int(r, 1, 28), 2)}`;
}

class Generator {
  readonly used = new Set<string>();
  entities = 0;
  constructor(
    readonly r: Rand,
    readonly home: string,
  ) {}

  email(lang: DemoLanguage, first: string, last: string): string {
    const r = this.r;
    const f = slug(first);
    const l = slug(last.split(' ')[0]);
    const local = pick(r, [`${f}.${l}`, `${f}${l}`, `${f[0]}.${l}`, `${f}_${l}`, `${l}.${f}`, `${f}${int(r, 1, 99)}`, `${f}.${l}${int(r, 50, 99)}`]);
    const domain = pick(r, DOMAINS[lang]);
    return this.unique((n) => `${n === 0 ? local : local + n}@${domain}`);
  }

  lastName(lang: DemoLanguage): string {
    const r = this.r;
    const family = [...FAMILY[lang], ...LANGUAGE_PACKS[lang].familyNames];
    if (lang === 'es') return r() < 0.9 ? `${pick(r, family)} ${pick(r, family)}` : pick(r, family);
    if (lang === 'pt' && r() < 0.5) return `${pick(r, family)} ${pick(r, ['da', 'de', 'dos', 'do'])} ${pick(r, family)}`;
    if (lang === 'pt' && r() < 0.3) return `${pick(r, family)} ${pick(r, family)}`;
    return pick(r, family);
  }

  givenName(lang: DemoLanguage, family?: Set<string>): string {
    const names = [...GIVEN[lang], ...LANGUAGE_PACKS[lang].givenNames];
    for (;;) {
      const name = pick(this.r, names);
      if (!family?.has(slug(name))) {
        family?.add(slug(name));
        return name;
      }
    }
  }

  /** Organisations are named after people and places, as many are; a name is used once per town. */
  organisation(lang: DemoLanguage, city: City): string {
    for (let attempt = 0; ; attempt++) {
      // When the short names of a town are taken (large lists), founders get their given name too.
      const founder = attempt < 10 ? pick(this.r, FAMILY[lang]) : `${pick(this.r, GIVEN[lang])} ${pick(this.r, FAMILY[lang])}`;
      const name = pick(this.r, ORGANISATIONS[lang]).replace('{f}', founder);
      if (!this.used.has(`${name}|${city.city}`)) {
        this.used.add(`${name}|${city.city}`);
        return name;
      }
    }
  }

  unique(address: (n: number) => string): string {
    for (let n = 0; ; n++) {
      const candidate = address(n);
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
  }

  person(lang = pick(this.r, LANGUAGES), origin = 'base', kind?: 'person'): Person {
    const r = this.r;
    const organisation = !kind && r() < 0.04;
    const first = organisation ? '' : this.givenName(lang);
    const last = organisation ? '' : this.lastName(lang);
    const city = pick(r, CITIES[lang]);
    const org = organisation ? this.organisation(lang, city) : '';
    const box = pick(r, ['contact', 'info', 'hello', 'secretariat']);
    const emails = organisation ? [this.unique((n) => `${box}@${slug(org)}${n || ''}.org`)] : r() < 0.85 ? [this.email(lang, first, last)] : [];
    if (!organisation && emails.length > 0 && r() < 0.1) emails.push(this.email(lang, first, last));
    const p: Person = {
      entity: this.entities++,
      origin,
      lang,
      kind: organisation ? 'organisation' : 'person',
      first,
      last,
      org,
      city,
      postal: r() < 0.9 ? city.postcode(r) : '',
      emails,
      phone: r() < 0.45 ? newPhone(r, city.country, false) : null,
      mobile: r() < 0.65 ? newPhone(r, city.country, true) : null,
      birthday: !organisation && r() < 0.4 ? birthdayOf(r) : '',
      family: new Set([slug(first)]),
      written: { phone: '', mobile: '', city: city.city },
    };
    return this.write(p);
  }

  write(p: Person): Person {
    p.written.phone = p.phone ? writePhone(this.r, p.phone, this.home) : '';
    p.written.mobile = p.mobile ? writePhone(this.r, p.mobile, this.home) : '';
    return p;
  }
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** One keyboard slip: a letter replaced, dropped, doubled or swapped with its neighbour. */
function typo(r: Rand, name: string): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const letters = [...name];
    const spots = letters.map((ch, i) => (/\p{L}/u.test(ch) ? i : -1)).filter((i) => i >= 0);
    const at = pick(r, spots.length > 1 ? spots.slice(r() < 0.85 ? 1 : 0) : spots);
    const op = int(r, 0, 3);
    if (op === 0) letters[at] = pick(r, [...ALPHABET]);
    else if (op === 1) letters.splice(at, 1);
    else if (op === 2) letters.splice(at, 0, pick(r, [...ALPHABET]));
    else if (at + 1 < letters.length && /\p{L}/u.test(letters[at + 1])) [letters[at], letters[at + 1]] = [letters[at + 1], letters[at]];
    const out = letters.join('');
    if (plain(out).toLowerCase() !== plain(name).toLowerCase() && out.replace(/[^\p{L}]/gu, '').length >= 2) return out;
  }
  return name;
}

type Mod = 'typo-first' | 'typo-last' | 'swap' | 'nickname' | 'new-email' | 'drop' | 'accents' | 'case' | 'surname' | 'hyphen' | 'email-case';
const PERSON_MODS: [Mod, number][] = [
  ['typo-first', 3],
  ['typo-last', 3],
  ['swap', 2],
  ['nickname', 2],
  ['new-email', 3],
  ['drop', 4],
  ['accents', 3],
  ['case', 2],
  ['surname', 2],
  ['hyphen', 1],
  ['email-case', 1],
];
const ORGANISATION_MODS: [Mod, number][] = [
  ['typo-last', 2],
  ['new-email', 2],
  ['drop', 3],
  ['accents', 2],
  ['case', 2],
  ['email-case', 1],
];

const FIELD_OF: Partial<Record<Mod, string>> = { 'typo-first': 'first', nickname: 'first', 'typo-last': 'last', surname: 'last', hyphen: 'first', 'email-case': 'new-email' };

function weighted(r: Rand, list: [Mod, number][]): Mod {
  let x = r() * list.reduce((s, [, w]) => s + w, 0);
  for (const [mod, w] of list) if ((x -= w) < 0) return mod;
  return list[0][0];
}

const samePhone = (a: Phone | null, b: Phone | null) => !!a && !!b && a.country === b.country && a.nsn === b.nsn;

/** True when the copy still shares something only its person has. */
function corroborated(d: Person, p: Person): boolean {
  const emails = p.emails.map((e) => e.trim().toLowerCase());
  return (
    d.emails.some((e) => emails.includes(e.trim().toLowerCase())) ||
    [d.phone, d.mobile].some((x) => samePhone(x, p.phone) || samePhone(x, p.mobile)) ||
    (d.birthday !== '' && d.birthday === p.birthday) ||
    (d.postal !== '' && d.postal === p.postal)
  );
}

function applyMod(g: Generator, d: Person, mod: Mod): string {
  const r = g.r;
  const org = d.kind === 'organisation';
  switch (mod) {
    case 'typo-first':
      d.first = typo(r, d.first);
      break;
    case 'typo-last':
      if (org) d.org = typo(r, d.org);
      else d.last = typo(r, d.last);
      break;
    case 'swap':
      [d.first, d.last] = [d.last, d.first];
      break;
    case 'nickname': {
      const nicknames = NICKNAMES[d.first];
      if (!nicknames) return applyMod(g, d, 'typo-first');
      d.first = pick(r, nicknames);
      break;
    }
    case 'new-email': {
      const box = pick(r, ['admin', 'office', 'direction']);
      d.emails = [org ? g.unique((n) => `${box}@${slug(d.org)}${n || ''}.net`) : g.email(d.lang, d.first, d.last)];
      break;
    }
    case 'drop':
      for (let n = int(r, 1, 2); n > 0; n--) {
        const field = pick(r, ['email', 'phone', 'mobile', 'postal', 'city', 'birthday']);
        if (field === 'email') d.emails = [];
        else if (field === 'phone') d.phone = null;
        else if (field === 'mobile') d.mobile = null;
        else if (field === 'postal') d.postal = '';
        else if (field === 'city') d.written.city = '';
        else d.birthday = '';
      }
      break;
    case 'accents':
      [d.first, d.last, d.org, d.written.city] = [d.first, d.last, d.org, d.written.city].map(plain);
      break;
    case 'case': {
      const c = int(r, 0, 2);
      if (c === 0) d.last = d.last.toUpperCase();
      else if (c === 1) [d.first, d.last, d.org] = [d.first, d.last, d.org].map((s) => s.toLowerCase());
      else [d.first, d.last, d.org] = [d.first, d.last, d.org].map((s) => s.toUpperCase());
      break;
    }
    case 'surname': {
      const words = d.last.split(' ');
      if (words.length < 2 || (d.lang !== 'es' && d.lang !== 'pt')) return applyMod(g, d, 'typo-last');
      // A second surname left out (García López → García), or a particle (da Silva → Silva).
      const kept = words.filter((w) => !['da', 'de', 'do', 'dos', 'del', 'la'].includes(w));
      d.last = d.lang === 'pt' && words.length === 3 && r() < 0.5 ? `${words[0]} ${words[2]}` : (kept[0] ?? words[0]);
      break;
    }
    case 'hyphen':
      if (!/[-']/.test(d.first + d.last)) return applyMod(g, d, 'accents');
      [d.first, d.last] = [d.first, d.last].map((s) => s.replace(/[-']/g, r() < 0.5 ? ' ' : ''));
      break;
    case 'email-case':
      d.emails = d.emails.map((e) => ` ${e.replace(/^./, (c) => c.toUpperCase()).replace(/@.*/, (s) => s.toUpperCase())}`);
      break;
  }
  return mod;
}

function duplicate(g: Generator, p: Person): Person {
  const r = g.r;
  const d: Person = { ...p, emails: [...p.emails], written: { ...p.written } };
  const mods: string[] = [];
  const touched = new Set<string>();
  for (let n = int(r, 1, 3), attempts = 0; mods.length < n && attempts < 20; attempts++) {
    const mod = weighted(r, d.kind === 'organisation' ? ORGANISATION_MODS : PERSON_MODS);
    // One damage per name: a nickname with a typo in it is beyond anyone's recognition.
    const field = FIELD_OF[mod] ?? mod;
    if (touched.has(field)) continue;
    touched.add(field);
    mods.push(applyMod(g, d, mod));
  }
  if (!corroborated(d, p)) {
    if (p.emails.length > 0) d.emails = [p.emails[0]];
    else if (p.mobile || p.phone) [d.phone, d.mobile] = [p.phone, p.mobile];
    else if (p.postal) d.postal = p.postal;
    else d.birthday = p.birthday;
    mods.push('restored');
  }
  g.write(d);
  d.origin = `dup:${mods.join('+')}`;
  return d;
}

/** Hard negatives: another person who shares a great deal with p. */
function relative(g: Generator, p: Person, how: 'family-email' | 'family-phone' | 'twin' | 'namesake'): Person {
  const r = g.r;
  const q = g.person(p.lang, how, 'person');
  q.last = p.last;
  if (how === 'namesake') {
    q.first = p.first;
    q.city = pick(
      r,
      CITIES[p.lang].filter((c) => c !== p.city),
    );
    q.written.city = q.city.city;
    q.postal = q.city.postcode(r);
    if (q.birthday && p.birthday && q.birthday === p.birthday) q.birthday = birthdayOf(r);
    return g.write(q);
  }
  q.family = p.family;
  q.first = g.givenName(p.lang, p.family);
  [q.city, q.postal, q.written.city] = [p.city, p.postal, p.written.city];
  if (how === 'family-email') q.emails = [p.emails[0] ?? g.email(p.lang, p.first, p.last)];
  if (how === 'family-phone' || how === 'twin') {
    if (!p.phone && !p.mobile) g.write(Object.assign(p, { phone: newPhone(r, p.city.country, false) }));
    q.phone = p.phone ?? p.mobile;
  }
  if (how === 'twin') q.birthday = p.birthday || (p.birthday = birthdayOf(r));
  else if (q.birthday === p.birthday) q.birthday = '';
  if (!p.emails.length && how === 'family-email') p.emails = [...q.emails];
  return g.write(q);
}

/** The test set: `size` records, about duplicateShare of them duplicates, the rest distinct people of
 *  whom about one in eight is a relative or namesake of another. */
export function generateDedupeTruth(options: TruthOptions): DedupeTruth {
  const r = mulberry32(options.seed ?? 20240917);
  const g = new Generator(r, options.defaultCountry ?? 'FR');
  const dupCount = Math.round(options.size * (options.duplicateShare ?? 0.15));
  const base: Person[] = [];
  while (base.length < options.size - dupCount) {
    const x = r();
    const recent = base.length ? base[base.length - 1 - Math.floor(r() * Math.min(50, base.length))] : undefined;
    const p = recent?.kind === 'person' ? recent : undefined;
    if (p && x < 0.04) base.push(relative(g, p, 'family-email'));
    else if (p && x < 0.07) base.push(relative(g, p, 'family-phone'));
    else if (p && x < 0.085) base.push(relative(g, p, 'twin'));
    else if (p && x < 0.115) base.push(relative(g, p, 'namesake'));
    else base.push(g.person());
  }
  const dups: Person[] = [];
  // Only people with something of their own (an email, a phone, a postcode or a birthday) can be found.
  const findable = base.filter((p) => p.emails.length || p.phone || p.mobile || p.postal || p.birthday);
  while (dups.length < dupCount) dups.push(duplicate(g, pick(r, findable)));

  const all = [...base, ...dups];
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const people: PersonRecord[] = [];
  const origin = new Map<string, string>();
  const byEntity = new Map<number, string[]>();
  all.forEach((p, i) => {
    const id = `con_${pad(i + 1, 6)}`;
    people.push({
      id,
      kind: p.kind,
      first_name: p.first,
      last_name: p.last,
      organisation_name: p.org,
      email: p.emails[0] ?? '',
      email_2: p.emails[1] ?? '',
      phone: p.written.phone,
      mobile: p.written.mobile,
      postal_code: p.postal,
      city: p.written.city,
      birthday: p.birthday,
    });
    origin.set(id, p.origin);
    byEntity.set(p.entity, [...(byEntity.get(p.entity) ?? []), id]);
  });
  const truePairs = new Set<string>();
  for (const ids of byEntity.values()) for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) truePairs.add(pairKey(ids[i], ids[j]));
  return { people, truePairs, origin };
}
