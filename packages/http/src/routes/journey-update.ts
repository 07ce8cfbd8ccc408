import {
  compositionModeSchema,
  type Journey,
  type JourneyPatch,
  type JourneyTrigger,
  type StoreTransaction,
} from '@conduct/core';
import { z } from 'zod';
import { ensureTagsExist } from './checks.js';
import { refreshedStates } from './journey-graph.js';
import {
  graphFromWire,
  journeyGraphInputFields,
  requireStatesWithGraph,
} from './journey-graph-input.js';
import { applyTagChanges, tagChangesSchema } from './tag-changes.js';
import { given, labelChangesSchema } from './wire-schemas.js';

/** `{add?, remove?}` of trigger ids; added ids name guidelines whose condition becomes a trigger. */
const triggerChangesSchema = z.object({
  add: z.array(z.string().min(1)).nullish(),
  remove: z.array(z.string()).nullish(),
});

/**
 * Body of `PATCH /journeys/{id}`. An explicit `null` composition mode clears it. `states`
 * (a Conduct extension) replaces the whole graph.
 */
export const journeyUpdateSchema = z
  .object({
    title: z.string().trim().min(1).max(100).nullish(),
    description: z.string().nullish(),
    conditions: triggerChangesSchema.nullish(),
    triggers: triggerChangesSchema.nullish(),
    tags: tagChangesSchema.nullish(),
    composition_mode: compositionModeSchema.nullish(),
    labels: labelChangesSchema.nullish(),
    priority: z.number().int().nullish(),
    ...journeyGraphInputFields,
  })
  .superRefine(requireStatesWithGraph);

type JourneyUpdate = z.output<typeof journeyUpdateSchema>;

/**
 * The triggers after the edits. On the wire a journey's conditions are guideline ids, so an
 * added id must name a guideline (else 404); its condition becomes a trigger with that id.
 */
async function nextTriggers(
  store: StoreTransaction,
  current: Journey,
  body: JourneyUpdate,
): Promise<JourneyTrigger[] | undefined> {
  if (body.conditions == null && body.triggers == null) return undefined;
  const add = [...(body.conditions?.add ?? []), ...(body.triggers?.add ?? [])];
  const remove = new Set([...(body.conditions?.remove ?? []), ...(body.triggers?.remove ?? [])]);
  const triggers = [...current.triggers];
  for (const guidelineId of new Set(add)) {
    const guideline = await store.guidelines.get(guidelineId);
    if (!triggers.some((trigger) => trigger.id === guideline.id)) {
      triggers.push({ id: guideline.id, condition: guideline.condition });
    }
  }
  return triggers.filter((trigger) => !remove.has(trigger.id));
}

/**
 * Checks a PATCH body against the current journey (in the update's transaction) and turns it
 * into a store patch; nothing is written before every check passed.
 */
export async function journeyPatch(
  store: StoreTransaction,
  current: Journey,
  body: JourneyUpdate,
): Promise<JourneyPatch> {
  await ensureTagsExist(store, body.tags?.add);
  const title = body.title ?? current.title;
  const description = body.description ?? current.description;
  const retitled = title !== current.title || description !== current.description;
  // Live sessions survive a replaced graph: the engine reconciles their positions next turn.
  const graph =
    body.states == null
      ? undefined
      : graphFromWire({ ...body, states: body.states }, current.states);
  return {
    title: given(body.title),
    description: given(body.description),
    triggers: await nextTriggers(store, current, body),
    ...(graph ?? {
      states: retitled ? refreshedStates(current, title, description) : undefined,
    }),
    tags: body.tags == null ? undefined : applyTagChanges(current.tags, body.tags),
    compositionMode: body.composition_mode,
    labels:
      body.labels == null
        ? undefined
        : applyTagChanges(current.labels, {
            add: given(body.labels.upsert),
            remove: given(body.labels.remove),
          }),
    priority: given(body.priority),
  };
}
