import { compositionModeSchema, generateId, journeyMermaid } from '@conduct/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, behaviorModel, services } from '../app-env.js';
import { journeyDto } from '../dto/journey.js';
import { parseBody, parseQuery } from '../validation.js';
import { ensureTagsExist } from './checks.js';
import { defaultJourneyGraph } from './journey-graph.js';
import {
  graphFromWire,
  journeyGraphInputFields,
  requireStatesWithGraph,
} from './journey-graph-input.js';
import { journeyPatch, journeyUpdateSchema } from './journey-update.js';
import { withWireLocations } from './journey-validation.js';
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
 * `/journeys` (docs/compatibility.md#journeys), with the Mermaid chart of each journey's graph. Deleting a
 * journey deletes the guidelines and canned responses scoped only to it (the behavior-model
 * service's rule, as from code).
 */
export const journeyRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_JOURNEY');
    const body = await parseBody(c, createSchema);
    const conditions = [...new Set([...(body.conditions ?? []), ...(body.triggers ?? [])])];
    // The service validates the graph as code's definitions are (422 naming the journey and the state).
    const journey = await withWireLocations(body.title, () =>
      behaviorModel(c).journeys.create(
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
        { check: (tx) => ensureTagsExist(tx, body.tags) },
      ),
    );
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
    let title = body.title ?? undefined;
    const journey = await withWireLocations(
      () => title ?? c.req.param('journeyId'),
      () =>
        behaviorModel(c).journeys.update(c.req.param('journeyId'), (current, tx) => {
          title ??= current.title;
          return journeyPatch(tx, current, body);
        }),
    );
    return c.json(journeyDto(journey));
  })
  .delete('/:journeyId', async (c) => {
    await authorize(c, 'DELETE_JOURNEY');
    await behaviorModel(c).journeys.delete(c.req.param('journeyId'));
    return c.body(null, 204);
  });
