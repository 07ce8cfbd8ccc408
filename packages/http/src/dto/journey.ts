import { compositionModeSchema, type Journey } from '@conduct/core';
import { z } from 'zod';
import { named } from '../openapi/schema-registry.js';
import { journeyGraphDto, journeyGraphDtoFields } from './journey-graph.js';

/**
 * Wire shape of a journey (docs/compatibility.md#journeys). Trigger ids go out as both `conditions`
 * (v3.3.1, required by parlant-client 3.3.1) and `triggers` (the reference server's HEAD). The
 * graph (`initial_state_id`, `states`, `transitions`) is a Conduct extension beside those fields;
 * the clients pass unknown keys through.
 */
export const journeyDtoSchema = named(
  z.object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    conditions: z.array(z.string()).describe('Trigger guideline ids (v3.3.1 name)'),
    triggers: z.array(z.string()).describe('Same as `conditions` (newer name)'),
    tags: z.array(z.string()),
    composition_mode: compositionModeSchema.nullable(),
    labels: z.array(z.string()),
    priority: z.number().int(),
    ...journeyGraphDtoFields,
  }),
  'Journey',
);

/** A journey in the wire format. */
export function journeyDto(journey: Journey): z.output<typeof journeyDtoSchema> {
  const triggerIds = journey.triggers.map((trigger) => trigger.id);
  return {
    id: journey.id,
    title: journey.title,
    description: journey.description,
    conditions: triggerIds,
    triggers: [...triggerIds],
    tags: journey.tags,
    composition_mode: journey.compositionMode,
    labels: journey.labels,
    priority: journey.priority,
    ...journeyGraphDto(journey),
  };
}
