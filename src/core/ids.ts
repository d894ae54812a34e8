export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base 32: no I, L, O, U

/** A sortable, unique id: 10 characters of milliseconds, then 8 random ones (40 bits). Ids are never
 *  reused: a deleted row's id is gone with it, and a new id is always minted from time and chance. */
export function newId(prefix: string, nowMs: number, random: () => number = Math.random): string {
  let time = '';
  let t = Math.floor(nowMs);
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (let i = 0; i < 8; i++) rand += ALPHABET[Math.floor(random() * 32)];
  return `${prefix}_${time}${rand}`;
}
