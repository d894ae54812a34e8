/** Our HMAC-SHA256 (the in-memory adapters' signatures) gives what Node's and Google's do: a link
 *  signed in one runtime is read in another. */
import { createHash, createHmac } from 'node:crypto';
import { base64Url, hmacSha256, sha256, utf8 } from '../../src/core/sha256';
import { MemorySecrets } from '../../src/memory/services';
import { RandomSecrets } from '../../src/node/secrets';

describe('SHA-256 and HMAC', () => {
  it('match Node on the standard vectors and on random texts of every length', () => {
    expect(Buffer.from(sha256(utf8('abc'))).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (let n = 0; n < 200; n++) {
      const text = Array.from({ length: n }, (_, i) => String.fromCodePoint(32 + ((i * 7919 + n) % 2000))).join('');
      const key = `k${n}`.repeat(n % 40);
      expect(Buffer.from(sha256(utf8(text))).toString('hex')).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      expect(base64Url(hmacSha256(utf8(key), utf8(text)))).toBe(createHmac('sha256', key).update(text, 'utf8').digest('base64url'));
    }
  });

  it('signs alike in memory and in Node', () => {
    const message = 'con_01ABC.mlg_01DEF';
    expect(new MemorySecrets().sign('sécret', message)).toBe(new RandomSecrets().sign('sécret', message));
  });
});
