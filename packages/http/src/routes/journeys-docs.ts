import { z } from 'zod';
import { journeyDtoSchema } from '../dto/journey.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { journeyUpdateSchema } from './journey-update.js';
import { createSchema } from './journeys.js';
import { tagIdQuerySchema } from './wire-schemas.js';

/** OpenAPI description of `journeyRoutes` (kept beside it; the schemas are the route's own). */
export const journeyDocs = describeRoutes('/journeys', 'journeys', [
  {
    method: 'post',
    path: '/',
    operationId: 'createJourney',
    client: 'journeys.create',
    summary: 'Create a journey',
    description:
      'Trigger conditions as `conditions` (v3.3.1) or `triggers`; both are answered. ' +
      'Conduct extension: `states`, `transitions` and `initial_state_id` define the graph ' +
      '(without them the journey gets one chat step that follows its description); it is ' +
      'validated like a graph defined in code, and a 422 points at the state or transition at ' +
      'fault (`loc: ["body", "states", 2]`).',
    operation: 'CREATE_JOURNEY',
    body: createSchema,
    response: journeyDtoSchema,
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listJourneys',
    client: 'journeys.list',
    summary: 'List journeys',
    operation: 'LIST_JOURNEYS',
    query: tagIdQuerySchema,
    response: z.array(journeyDtoSchema),
  },
  {
    method: 'get',
    path: '/:journeyId',
    operationId: 'retrieveJourney',
    client: 'journeys.retrieve',
    summary: 'Read a journey',
    operation: 'READ_JOURNEY',
    response: journeyDtoSchema,
  },
  {
    method: 'get',
    path: '/:journeyId/mermaid',
    operationId: 'readJourneyMermaid',
    client: 'journeys.mermaid',
    summary: "The journey's graph as a Mermaid chart",
    operation: 'READ_JOURNEY',
    response: { contentType: 'text/plain' },
  },
  {
    method: 'patch',
    path: '/:journeyId',
    operationId: 'updateJourney',
    client: 'journeys.update',
    summary: 'Update a journey',
    description:
      'Conduct extension: `states` (with `transitions` and `initial_state_id`) replaces the ' +
      'whole graph; sessions inside the journey are moved to a state that still exists on ' +
      'their next turn.',
    operation: 'UPDATE_JOURNEY',
    body: journeyUpdateSchema,
    response: journeyDtoSchema,
  },
  {
    method: 'delete',
    path: '/:journeyId',
    operationId: 'deleteJourney',
    client: 'journeys.delete',
    summary: 'Delete a journey',
    description:
      'Also deletes its relationships and the guidelines and canned responses scoped only to ' +
      'it (`journey:<id>`, `journey_node:<id>:<state>` tags); ones scoped to other journeys too ' +
      'just lose its tags.',
    operation: 'DELETE_JOURNEY',
  },
]);
