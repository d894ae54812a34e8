import { fold } from './text';

/** Regular expressions that find a folded word in text as people typed it, accents and case aside:
 *  'jose' → /j[oòóôõöō…]s[eèéêë…]/i finds 'JOSÉ'. Testing each cell with these allocates nothing, which
 *  is what lets a search look at a million cells in tens of milliseconds (folding each cell first
 *  would copy every one of them). */

let variants: Map<string, string> | null = null;

/** For each ASCII letter, the letters that fold to it (built once, on the first search). */
function letterVariants(): Map<string, string> {
  if (variants) return variants;
  const map = new Map<string, string>();
  for (let code = 0xc0; code <= 0x24f; code++) {
    const ch = String.fromCharCode(code);
    const base = fold(ch);
    if (base.length === 1 && base >= 'a' && base <= 'z' && base !== ch.toLowerCase()) map.set(base, (map.get(base) ?? '') + ch.toLowerCase() + ch.toUpperCase());
  }
  for (const [base, chars] of map) map.set(base, [...new Set(chars)].join(''));
  return (variants = map);
}

const escape = (ch: string) => ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** A case-insensitive pattern for a word already folded (lower case, no accents). */
export function wordPattern(word: string): RegExp {
  const map = letterVariants();
  let source = '';
  for (const ch of word) {
    const more = map.get(ch);
    source += more ? `[${ch}${more}]` : escape(ch);
  }
  return new RegExp(source, 'i');
}

/** A pattern for a run of digits inside a phone number however it is written: '0612' finds
 *  '06 12', '06.12', '06-12', '(06) 12'. */
export function digitsPattern(digits: string): RegExp {
  return new RegExp(digits.split('').join('[\\s.\\-/()]*'));
}
