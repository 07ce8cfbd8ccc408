import {
  NotFoundError,
  PREAMBLE_TAG,
  parseTag,
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

/**
 * True when the tag id is one of the built-in kinds (`agent:<id>`, `journey_node:<id>`, …;
 * docs/compatibility.md#tags) or the preamble tag, not a stored tag.
 */
export function isBuiltInTag(tagId: string): boolean {
  return tagId === PREAMBLE_TAG || parseTag(tagId) !== undefined;
}

/** The ports reference checks read: the store, or a write's transaction. */
export type EntityReader = Pick<StoreTransaction, 'agents' | 'journeys' | 'guidelines' | 'tags'>;

/**
 * Rejects with `NotFoundError` (404) when a `journey_node:<journeyId>:<stateId>` tag names a
 * journey or state that does not exist.
 */
async function ensureJourneyStateExists(
  store: EntityReader,
  scope: { journeyId: string; stateId: string },
): Promise<void> {
  const journey = await store.journeys.get(scope.journeyId);
  if (!journey.states.some((state) => state.id === scope.stateId)) {
    throw new NotFoundError('journey state', `${scope.journeyId}:${scope.stateId}`);
  }
}

/**
 * Rejects with `NotFoundError` (404) unless every tag exists: a stored tag, or a built-in tag
 * whose agent, journey, journey state or guideline exists. Preamble tags and the bare
 * `journey_node:<id>` form (the reference's node ids, which scope nothing in Conduct) are taken
 * as given.
 */
export async function ensureTagsExist(
  store: EntityReader,
  tagIds: readonly string[] | null | undefined,
): Promise<void> {
  for (const tagId of new Set(tagIds ?? [])) {
    const tag = parseTag(tagId);
    switch (tag?.kind) {
      case 'agent':
        await store.agents.get(tag.agentId);
        break;
      case 'journey':
        await store.journeys.get(tag.journeyId);
        break;
      case 'journey-state':
        await ensureJourneyStateExists(store, tag);
        break;
      case 'guideline':
        await store.guidelines.get(tag.guidelineId);
        break;
      case 'journey-node':
        break;
      case undefined:
        if (tagId !== PREAMBLE_TAG) await store.tags.get(tagId);
        break;
    }
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
