import {
  assertValidJourney,
  compositionModeSchema,
  generateId,
  validateJourney,
} from '@conduct/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, services } from '../app-env.js';
import { journeyDto } from '../dto/journey.js';
import { parseBody, parseQuery } from '../validation.js';
import { ensureTagsExist } from './checks.js';
import { defaultJourneyGraph } from './journey-graph.js';
import {
  graphFromWire,
  journeyGraphInputFields,
  requireStatesWithGraph,
} from './journey-graph-input.js';
import { journeyMermaid } from './journey-mermaid.js';
import { unscopeFromJourney } from './journey-scope-cascade.js';
import { journeyPatch, journeyUpdateSchema } from './journey-update.js';
import { journeyValidationOptions, withWireLocations } from './journey-validation.js';
import { deleteRelationshipsOf } from './relationship-cascade.js';
import {
  customIdSchema,
  given,
  labelsSchema,
  tagFilter,
  tagIdQuerySchema,
  tagIdsSchema,
} from './wire-schemas.js';

const conditionsSchema = z.array(z.string().trim().min(1));

/** Body of `POST /journeys`; the graph fields are a Conduct extension (docs/journeys.md). */
export const createSchema = z
  .object({
    title: z.string().trim().min(1).max(100),
    description: z.string(),
    // v3.3.1 and parlant-client 3.3.1 send `conditions`; the reference's HEAD sends `triggers`.
    conditions: conditionsSchema.nullish(),
    triggers: conditionsSchema.nullish(),
    id: customIdSchema,
    tags: tagIdsSchema.nullish(),
    composition_mode: compositionModeSchema.nullish(),
    labels: labelsSchema.nullish(),
    priority: z.number().int().nullish(),
    ...journeyGraphInputFields,
  })
  .superRefine(requireStatesWithGraph)
  .refine((body) => body.conditions != null || body.triggers != null, {
    message: 'Field required: give the trigger conditions as `conditions` (or `triggers`)',
    path: ['conditions'],
  });

/**
 * `/journeys` (docs/compatibility.md#journeys), with the Mermaid chart of each journey's graph.
 * Deleting a journey deletes the guidelines and canned responses scoped only to it (see
 * `unscopeFromJourney`).
 */
export const journeyRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_JOURNEY');
    const body = await parseBody(c, createSchema);
    const { store } = services(c);
    await ensureTagsExist(store, body.tags);
    const conditions = [...new Set([...(body.conditions ?? []), ...(body.triggers ?? [])])];
    const options = await journeyValidationOptions(c, store);
    // The same definition-time validation as code (422 naming the journey and the state).
    const input = withWireLocations(body.title, () =>
      validateJourney(
        {
          id: given(body.id),
          title: body.title,
          description: body.description,
          triggers: conditions.map((condition) => ({ id: generateId(), condition })),
          ...(body.states == null
            ? defaultJourneyGraph(body.title, body.description)
            : graphFromWire({ ...body, states: body.states })),
          tags: body.tags == null ? undefined : [...new Set(body.tags)],
          labels: body.labels == null ? undefined : [...new Set(body.labels)],
          compositionMode: body.composition_mode ?? null,
          priority: given(body.priority),
        },
        options,
      ),
    );
    const journey = await store.journeys.create(input);
    return c.json(journeyDto(journey), 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_JOURNEYS');
    const query = parseQuery(c, tagIdQuerySchema);
    return c.json((await services(c).store.journeys.list(tagFilter(query.tag_id))).map(journeyDto));
  })
  .get('/:journeyId', async (c) => {
    await authorize(c, 'READ_JOURNEY');
    return c.json(journeyDto(await services(c).store.journeys.get(c.req.param('journeyId'))));
  })
  .get('/:journeyId/mermaid', async (c) => {
    await authorize(c, 'READ_JOURNEY');
    return c.text(journeyMermaid(await services(c).store.journeys.get(c.req.param('journeyId'))));
  })
  .patch('/:journeyId', async (c) => {
    await authorize(c, 'UPDATE_JOURNEY');
    const body = await parseBody(c, journeyUpdateSchema);
    const { store } = services(c);
    const current = await store.journeys.get(c.req.param('journeyId'));
    const patch = await journeyPatch(store, current, body);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    // A new graph is checked against the stored journeys and tools, as on create; other edits
    // only re-check the structure (a journey written from code may use tools of another process).
    const options = body.states == null ? {} : await journeyValidationOptions(c, store);
    const next = { ...current, ...changes };
    withWireLocations(next.title, () => assertValidJourney(next, options));
    const journey = await store.journeys.update(current.id, patch);
    return c.json(journeyDto(journey));
  })
  .delete('/:journeyId', async (c) => {
    await authorize(c, 'DELETE_JOURNEY');
    const { store } = services(c);
    const journeyId = c.req.param('journeyId');
    await store.journeys.delete(journeyId);
    await deleteRelationshipsOf(store, { type: 'journey', id: journeyId });
    await unscopeFromJourney(store, journeyId);
    return c.body(null, 204);
  });
