import {
  NotFoundError,
  PREAMBLE_TAG,
  parseJourneyStateScopeTag,
  type StoreTransaction,
  type ToolRegistry,
} from '@conduct/core';
import type { Context } from 'hono';
import { type AppEnv, services } from '../app-env.js';
import { HttpError } from '../errors.js';

/** A 422 in the validation-list shape, for rules a schema cannot express. */
export function unprocessable(field: string | null, message: string): HttpError {
  return new HttpError(422, [
    { type: 'value_error', loc: field === null ? ['body'] : ['body', field], msg: message },
  ]);
}

// Built-in tag ids (docs/compatibility.md#tags) name another entity; `<prefix><id>` must exist.
const BUILT_IN_PREFIXES = ['agent:', 'journey:', 'guideline:'] as const;

/** True when the tag id is one of the built-in kinds (`agent:<id>`, `journey_node:<id>`, …). */
export function isBuiltInTag(tagId: string): boolean {
  return (
    tagId === PREAMBLE_TAG ||
    tagId.startsWith('journey_node:') ||
    BUILT_IN_PREFIXES.some((prefix) => tagId.startsWith(prefix))
  );
}

/** The ports reference checks read: the store, or a write's transaction. */
export type EntityReader = Pick<StoreTransaction, 'agents' | 'journeys' | 'guidelines' | 'tags'>;

/**
 * Rejects with `NotFoundError` (404) when a `journey_node:<journeyId>:<stateId>` tag names a
 * journey or state that does not exist. Other `journey_node:` forms (the reference's bare node
 * ids) scope nothing in Conduct and are taken as given.
 */
async function ensureJourneyStateExists(store: EntityReader, tagId: string): Promise<void> {
  const scope = parseJourneyStateScopeTag(tagId);
  if (scope === undefined) return;
  const journey = await store.journeys.get(scope.journeyId);
  if (!journey.states.some((state) => state.id === scope.stateId)) {
    throw new NotFoundError('journey state', `${scope.journeyId}:${scope.stateId}`);
  }
}

/**
 * Rejects with `NotFoundError` (404) unless every tag exists: a stored tag, or a built-in tag
 * whose agent, journey, journey state or guideline exists. Preamble tags are taken as given.
 */
export async function ensureTagsExist(
  store: EntityReader,
  tagIds: readonly string[] | null | undefined,
): Promise<void> {
  for (const tagId of new Set(tagIds ?? [])) {
    if (tagId.startsWith('agent:')) await store.agents.get(tagId.slice('agent:'.length));
    else if (tagId.startsWith('journey:')) await store.journeys.get(tagId.slice('journey:'.length));
    else if (tagId.startsWith('journey_node:')) await ensureJourneyStateExists(store, tagId);
    else if (tagId.startsWith('guideline:')) {
      await store.guidelines.get(tagId.slice('guideline:'.length));
    } else if (!isBuiltInTag(tagId)) await store.tags.get(tagId);
  }
}

/**
 * The tool registry of the app's services, when it has one (a `Conduct` from `createConduct`
 * does). Without one, tool references cannot be checked and are taken as given.
 */
export function toolRegistryOf(c: Context<AppEnv>): ToolRegistry | undefined {
  return services(c).tools;
}

/** Rejects with `NotFoundError` (404) when the registry does not know one of the tools. */
export function ensureToolsKnown(c: Context<AppEnv>, refs: readonly string[]): void {
  const registry = toolRegistryOf(c);
  if (registry === undefined) return;
  for (const ref of refs) {
    if (!registry.has(ref)) throw new NotFoundError('tool', ref);
  }
}
