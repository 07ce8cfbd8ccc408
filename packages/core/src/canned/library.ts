import type { CannedResponse } from '../domain/canned-response.js';
import type { ConductStore } from '../store/ports.js';

const cache = new WeakMap<
  ConductStore,
  { revision: string; responses: readonly CannedResponse[] }
>();

/**
 * Every canned response of the store, loaded once per behavior revision (canned responses are
 * part of the behavior model, so an edit changes the revision and the next turn reloads).
 */
export async function loadCannedResponses(store: ConductStore): Promise<readonly CannedResponse[]> {
  const revision = await store.behaviorRevision();
  const cached = cache.get(store);
  if (cached?.revision === revision) return cached.responses;
  const responses = Object.freeze(await store.cannedResponses.list());
  cache.set(store, { revision, responses });
  return responses;
}
