/** Secrets compared without telling, by how long the comparison took, how much of a guess was right. */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = String(given ?? '');
  const b = String(expected ?? '');
  // Always walk the expected secret's whole length, whatever was given.
  let differ = a.length === b.length ? 0 : 1;
  for (let i = 0; i < b.length; i++) differ |= (a.charCodeAt(i % Math.max(1, a.length)) || 0) ^ b.charCodeAt(i);
  return differ === 0 && b.length > 0;
}

/** A short, stable fingerprint of a text (FNV-1a, two 32-bit halves): the id of a website form's
 *  delivery that carries none of its own, so that the same post twice is one delivery. */
export function fingerprint(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
