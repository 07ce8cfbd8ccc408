import { utf8 } from './encoding.js';

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text)));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

/**
 * A matcher for a fixed list of secrets that takes the same time whatever the candidate: both
 * sides are hashed (hiding lengths) and every key is compared without an early exit.
 */
export function constantTimeMatcher(
  keys: readonly string[],
): (candidate: string) => Promise<boolean> {
  const digests = Promise.all(keys.map(sha256));
  return async (candidate) => {
    const digest = await sha256(candidate);
    let matched = false;
    for (const key of await digests) matched = equalBytes(key, digest) || matched;
    return matched;
  };
}
