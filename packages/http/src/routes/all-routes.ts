import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { RouteGroupDocs } from '../openapi/route-docs.js';
import { agentDocs, agentRoutes } from './agents.js';
import { cannedResponseRoutes } from './canned-responses.js';
import { cannedResponseDocs } from './canned-responses-docs.js';
import { capabilityRoutes } from './capabilities.js';
import { capabilityDocs } from './capabilities-docs.js';
import { contextVariableRoutes } from './context-variables.js';
import { contextVariableDocs } from './context-variables-docs.js';
import { customerDocs, customerRoutes } from './customers.js';
import { eventDocs } from './events.js';
import { feedbackDocs, feedbackRoutes, sessionFeedbackDocs } from './feedback.js';
import { guidelineDocs, guidelineRoutes } from './guidelines.js';
import { healthDocs, healthRoutes } from './health.js';
import { journeyRoutes } from './journeys.js';
import { journeyDocs } from './journeys-docs.js';
import { relationshipDocs, relationshipRoutes } from './relationships.js';
import { serviceRoutes } from './services.js';
import { serviceDocs } from './services-docs.js';
import { sessionDocs, sessionRoutes } from './sessions.js';
import { tagDocs, tagRoutes } from './tags.js';
import { termRoutes } from './terms.js';
import { termDocs } from './terms-docs.js';
import { traceDocs } from './traces.js';
import { evaluationDocs, evaluationRoutes } from './unsupported.js';

/** A sub-app and its OpenAPI description; without `routes`, another group mounts it. */
export interface RouteGroup {
  routes?: Hono<AppEnv>;
  docs: RouteGroupDocs;
}

/**
 * Every route group of the API, in document order. The app mounts each at its `docs.prefix`,
 * so a group's routes and its description cannot be mounted apart.
 */
export const documentedRoutes: readonly RouteGroup[] = [
  { routes: agentRoutes, docs: agentDocs },
  { routes: customerRoutes, docs: customerDocs },
  { routes: sessionRoutes, docs: sessionDocs },
  { docs: eventDocs }, // mounted by sessionRoutes
  { docs: traceDocs }, // mounted by sessionRoutes
  { docs: sessionFeedbackDocs }, // mounted by sessionRoutes
  { routes: feedbackRoutes, docs: feedbackDocs },
  { routes: guidelineRoutes, docs: guidelineDocs },
  { routes: journeyRoutes, docs: journeyDocs },
  { routes: relationshipRoutes, docs: relationshipDocs },
  { routes: tagRoutes, docs: tagDocs },
  { routes: termRoutes, docs: termDocs },
  { routes: contextVariableRoutes, docs: contextVariableDocs },
  { routes: cannedResponseRoutes, docs: cannedResponseDocs },
  { routes: capabilityRoutes, docs: capabilityDocs },
  { routes: serviceRoutes, docs: serviceDocs },
  { routes: evaluationRoutes, docs: evaluationDocs },
  { routes: healthRoutes, docs: healthDocs },
];
