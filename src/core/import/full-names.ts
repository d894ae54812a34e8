import { fold } from '../text';

/** Splitting a "Name" column into first and last names. People's names do not follow rules, so this
 *  keeps to a few that lists in our four languages really use, and a person can fix the rest on the card:
 *
 *  1. A comma means 'Last, First' ('Dupont, Marie').
 *  2. Words in capitals at one end are the last name, as French lists write it ('DUPONT Marie',
 *     'Jean de LA FONTAINE'), when the other words are not in capitals.
 *  3. Otherwise the first word is the first name and the rest the last name, so double surnames stay
 *     together ('María García López'), except for compound first names: the first two words when both
 *     are common first names and a last name remains ('María José García López', 'João Pedro da Silva',
 *     'Jean Pierre Martin'), and a first name with a devotional complement ('Maria da Conceição Santos',
 *     'María del Carmen Ruiz'). Hyphenated first names ('Jean-Pierre') are one word already.
 *  4. A single word is taken as the first name: people who type one word in a form's name field
 *     usually type their first name. */

/** First names that commonly start a compound first name, folded. Names that are also frequent
 *  surnames in second position ('Martin', 'Garcia') do no harm: a compound needs a third word. */
const COMPOUND_STARTS = new Set(
  `jean marie anne pierre paul louis francois jacques michel claude luc marc yves philippe charles henri andre rose sophie claire laure helene
   catherine elisabeth louise agnes francoise therese madeleine alain olivier antoine eric dominique noel joseph emmanuel baptiste christophe
   maria jose juan ana luis carlos miguel angel francisco javier antonio manuel pedro pablo jesus carmen isabel teresa pilar luisa elena
   victoria cristina lucia fernando alberto andres alejandro diego eduardo enrique ignacio jorge ramon rafael sergio mar belen eugenia
   fernanda gabriela laura sofia camila daniela joao paulo luiz henrique gabriel vitor victor marcos clara luiza eduarda beatriz julia
   vitoria helena cecilia alice lucas mateus matheus arthur guilherme gustavo felipe davi mary john ann sarah jane lee lynn elizabeth`
    .split(/\s+/)
    .filter(Boolean),
);

/** Small words inside names: 'da', 'del', 'de los', 'van'. */
const PARTICLES = new Set(['de', 'da', 'do', 'das', 'dos', 'del', 'la', 'las', 'los', 'le', 'du', 'des', 'd', "d'", 'van', 'von', 'der', 'di', 'e', 'y']);

/** What follows 'Maria da', 'María del', 'María de los' in a first name. */
const DEVOTIONAL = new Set(
  `conceicao fatima gracas lourdes lurdes carmen carmo pilar rosario rocio angeles dolores mercedes luz jesus socorro penha gloria paz nazare
   guadalupe montserrat consolacion remedios soledad belen asuncion assuncao anunciacao piedade salete trinidad candelaria esperanza`
    .split(/\s+/)
    .filter(Boolean),
);

const LETTERS = /\p{L}/gu;

/** 'DUPONT', 'LE GALL', "D'ALEMBERT": two or more letters, all capitals. */
function inCapitals(word: string): boolean {
  return (word.match(LETTERS) ?? []).length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

const isParticle = (word: string) => PARTICLES.has(fold(word));

function byCapitals(words: string[]): { first_name: string; last_name: string } | null {
  const caps = words.map(inCapitals);
  const count = caps.filter(Boolean).length;
  if (count === 0 || count === words.length) return null;
  const leading = caps.findIndex((c) => !c);
  if (leading > 0 && caps.slice(leading).every((c) => !c)) return { last_name: words.slice(0, leading).join(' '), first_name: words.slice(leading).join(' ') };
  let start = caps.lastIndexOf(false) + 1;
  if (start === 0 || caps.slice(start).some((c) => !c)) return null;
  if (caps.slice(0, start).some(Boolean)) return null;
  while (start > 1 && isParticle(words[start - 1])) start--;
  return { first_name: words.slice(0, start).join(' '), last_name: words.slice(start).join(' ') };
}

/** How many words the first name takes, by rule 3. */
function firstNameLength(words: string[]): number {
  const folded = words.map(fold);
  if (!COMPOUND_STARTS.has(folded[0])) return 1;
  let i = 1;
  while (i < words.length - 1 && PARTICLES.has(folded[i])) i++;
  if (i > 1 && DEVOTIONAL.has(folded[i])) return i + 1;
  if (words.length >= 3 && COMPOUND_STARTS.has(folded[1])) return 2;
  return 1;
}

/** 'Dupont, Marie' / 'Marie Dupont' / 'María José García López' → first/last, by the rules above. */
export function splitFullName(text: string): { first_name: string; last_name: string } {
  const t = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const comma = t.indexOf(',');
  if (comma >= 0) return { last_name: t.slice(0, comma).trim(), first_name: t.slice(comma + 1).trim() };
  const words = t === '' ? [] : t.split(' ');
  if (words.length <= 1) return { first_name: t, last_name: '' };
  const capitals = byCapitals(words);
  if (capitals) return capitals;
  const n = firstNameLength(words);
  return { first_name: words.slice(0, n).join(' '), last_name: words.slice(n).join(' ') };
}
