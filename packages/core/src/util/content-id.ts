const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A stable 10-character id derived from content (two seeded 53-bit string hashes, base62).
 * Used where the same definition must map to the same entity every time — e.g. a setup script
 * that defines guidelines at every start — and for content-hash caches. Not cryptographic.
 */
export function contentId(...parts: readonly string[]): string {
  // A separator that cannot appear in the parts' JSON keeps ["ab","c"] apart from ["a","bc"].
  const text = JSON.stringify(parts);
  let value = (BigInt(hash53(text, 0x9e3779b9)) << 53n) | BigInt(hash53(text, 0x85ebca6b));
  let id = '';
  for (let index = 0; index < 10; index += 1) {
    id += ALPHABET[Number(value % 62n)];
    value /= 62n;
  }
  return id;
}

// cyrb53: a fast, well-distributed 53-bit string hash.
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ char, 2654435761);
    h2 = Math.imul(h2 ^ char, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
