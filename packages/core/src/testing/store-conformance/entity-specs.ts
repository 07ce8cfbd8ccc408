import type { Agent, AgentInput, AgentPatch } from '../../domain/agent.js';
import type {
  CannedResponse,
  CannedResponseInput,
  CannedResponsePatch,
} from '../../domain/canned-response.js';
import type { Capability, CapabilityInput, CapabilityPatch } from '../../domain/capability.js';
import type { Customer, CustomerInput, CustomerPatch } from '../../domain/customer.js';
import type { Guideline, GuidelineInput, GuidelinePatch } from '../../domain/guideline.js';
import type { Journey, JourneyInput, JourneyPatch } from '../../domain/journey.js';
import type { Relationship, RelationshipInput } from '../../domain/relationship.js';
import type { Session, SessionInput, SessionPatch } from '../../domain/session.js';
import { emptySessionEngineState } from '../../domain/session-state.js';
import type { Tag, TagInput, TagPatch } from '../../domain/tag.js';
import type { Term, TermInput, TermPatch } from '../../domain/term.js';
import type { Variable, VariableInput, VariablePatch } from '../../domain/variable.js';
import type { TagFilter } from '../../store/entity-store.js';
import type { GuidelineFilter, RelationshipFilter, SessionFilter } from '../../store/ports.js';
import type { EntitySpec } from './entity-suites.js';
import { createAgent } from './fixtures.js';

type NoFilter = Record<string, never>;

/** Agents: everything but the name has a default. */
export const agentSpec: EntitySpec<Agent, AgentInput, AgentPatch, NoFilter> = {
  store: (store) => store.agents,
  input: () => ({ name: 'Ava' }),
  expected: () => ({
    name: 'Ava',
    description: null,
    compositionMode: 'fluid',
    outputMode: 'block',
    maxEngineIterations: 3,
    tags: [],
    owner: null,
  }),
  invalid: { change: { maxEngineIterations: 0 }, path: ['maxEngineIterations'] },
  update: {
    patch: { description: 'Handles refunds', compositionMode: 'strict_canned' },
    keep: 'name',
    invalid: { patch: { outputMode: 'smoke-signals' }, path: ['outputMode'] },
  },
};

/** Customers (the built-in guest has its own checks). */
export const customerSpec: EntitySpec<Customer, CustomerInput, CustomerPatch, NoFilter> = {
  store: (store) => store.customers,
  input: () => ({ name: 'Casey' }),
  expected: () => ({ name: 'Casey', metadata: {}, tags: [] }),
  invalid: { change: { metadata: { plan: 3 } }, path: ['metadata', 'plan'] },
  update: {
    patch: { metadata: { plan: 'gold' } },
    keep: 'name',
    invalid: { patch: { name: '' }, path: ['name'] },
  },
};

/** Sessions: only the agent is required (and must exist). */
export const sessionSpec: EntitySpec<Session, SessionInput, SessionPatch, SessionFilter> = {
  store: (store) => store.sessions,
  input: async (context) => ({ agentId: (await createAgent(context)).id }),
  expected: (input) => ({
    agentId: input.agentId,
    customerId: 'guest',
    title: null,
    mode: 'auto',
    labels: [],
    metadata: {},
    consumptionOffsets: { client: 0 },
    state: emptySessionEngineState(),
  }),
  invalid: { change: { mode: 'robot' }, path: ['mode'] },
  update: {
    patch: { title: 'Refund request', labels: ['vip'], consumptionOffsets: { client: 4 } },
    keep: 'mode',
    invalid: {
      patch: { consumptionOffsets: { client: -1 } },
      path: ['consumptionOffsets', 'client'],
    },
  },
};

/** Guidelines: only the condition is required. */
export const guidelineSpec: EntitySpec<Guideline, GuidelineInput, GuidelinePatch, GuidelineFilter> =
  {
    store: (store) => store.guidelines,
    input: () => ({ condition: 'the customer asks for a refund' }),
    expected: () => ({
      condition: 'the customer asks for a refund',
      action: null,
      title: null,
      description: null,
      criticality: 'medium',
      enabled: true,
      priority: 0,
      track: true,
      tags: [],
      labels: [],
      metadata: {},
      compositionMode: null,
      tools: [],
      classification: null,
      owner: null,
    }),
    invalid: { change: { tools: ['no-service-prefix'] }, path: ['tools', 0] },
    update: {
      patch: { action: 'ask for the order number', criticality: 'high', enabled: false },
      keep: 'condition',
      invalid: { patch: { criticality: 'extreme' }, path: ['criticality'] },
    },
    tagged: true,
  };

/** Relationships: never updated. */
export const relationshipSpec: EntitySpec<
  Relationship,
  RelationshipInput,
  never,
  RelationshipFilter
> = {
  store: (store) => store.relationships,
  input: () => ({
    kind: 'entails',
    source: { type: 'guideline', id: 'kit-source' },
    target: { type: 'tool', id: 'local:lookup' },
  }),
  expected: () => ({
    kind: 'entails',
    source: { type: 'guideline', id: 'kit-source' },
    target: { type: 'tool', id: 'local:lookup' },
    anyOf: null,
    owner: null,
  }),
  invalid: { change: { kind: 'loves' }, path: ['kind'] },
};

/** Tags. */
export const tagSpec: EntitySpec<Tag, TagInput, TagPatch, { name?: string }> = {
  store: (store) => store.tags,
  input: () => ({ name: 'vip' }),
  expected: () => ({ name: 'vip' }),
  invalid: { change: { name: 'x'.repeat(51) }, path: ['name'] },
  update: {
    patch: { name: 'premium' },
    keep: 'name',
    invalid: { patch: { name: '   ' }, path: ['name'] },
  },
};

/** Journeys: title, initial state and at least one state are required. */
export const journeySpec: EntitySpec<Journey, JourneyInput, JourneyPatch, TagFilter> = {
  store: (store) => store.journeys,
  input: () => ({
    title: 'Refund',
    initialStateId: 'ask',
    states: [
      { id: 'ask', type: 'chat', instruction: 'Ask for the order number' },
      { id: 'done', type: 'end' },
    ],
    transitions: [{ id: 't1', from: 'ask', to: 'done' }],
  }),
  expected: () => ({
    title: 'Refund',
    description: '',
    triggers: [],
    initialStateId: 'ask',
    states: [
      {
        id: 'ask',
        type: 'chat',
        instruction: 'Ask for the order number',
        description: null,
        compositionMode: null,
        metadata: {},
      },
      { id: 'done', type: 'end', description: null, compositionMode: null, metadata: {} },
    ],
    transitions: [{ id: 't1', from: 'ask', to: 'done', condition: null }],
    tags: [],
    labels: [],
    compositionMode: null,
    priority: 0,
    owner: null,
  }),
  invalid: { change: { states: [] }, path: ['states'] },
  update: {
    patch: { description: 'Handles refunds', priority: 5 },
    keep: 'title',
    invalid: { patch: { initialStateId: 'has space' }, path: ['initialStateId'] },
  },
  tagged: true,
};

/** Glossary terms. */
export const termSpec: EntitySpec<Term, TermInput, TermPatch, TagFilter> = {
  store: (store) => store.terms,
  input: () => ({ name: 'RMA', description: 'Return merchandise authorization' }),
  expected: () => ({
    name: 'RMA',
    description: 'Return merchandise authorization',
    synonyms: [],
    tags: [],
    owner: null,
  }),
  invalid: { change: { description: '' }, path: ['description'] },
  update: {
    patch: { synonyms: ['return authorization'] },
    keep: 'description',
    invalid: { patch: { synonyms: [''] }, path: ['synonyms', 0] },
  },
  tagged: true,
};

/** Context variables (their values have their own checks). */
export const variableSpec: EntitySpec<Variable, VariableInput, VariablePatch, TagFilter> = {
  store: (store) => store.variables,
  input: () => ({ name: 'plan' }),
  expected: () => ({
    name: 'plan',
    description: null,
    tool: null,
    freshnessRules: null,
    ttlSeconds: null,
    tags: [],
    owner: null,
  }),
  invalid: { change: { ttlSeconds: -1 }, path: ['ttlSeconds'] },
  update: {
    patch: { tool: 'local:get_plan', ttlSeconds: 60 },
    keep: 'name',
    invalid: { patch: { tool: 'not a ref' }, path: ['tool'] },
  },
  tagged: true,
};

/** Canned responses. */
export const cannedResponseSpec: EntitySpec<
  CannedResponse,
  CannedResponseInput,
  CannedResponsePatch,
  TagFilter
> = {
  store: (store) => store.cannedResponses,
  input: () => ({ value: 'Your balance is {{balance}}.' }),
  expected: () => ({
    value: 'Your balance is {{balance}}.',
    fields: [],
    tags: [],
    signals: [],
    metadata: {},
    fieldDependencies: [],
    owner: null,
  }),
  invalid: { change: { value: '  ' }, path: ['value'] },
  update: {
    patch: { signals: ['what is my balance'], fieldDependencies: ['balance'] },
    keep: 'value',
    invalid: { patch: { fields: [{ name: '' }] }, path: ['fields', 0, 'name'] },
  },
  tagged: true,
};

/** Capabilities. */
export const capabilitySpec: EntitySpec<Capability, CapabilityInput, CapabilityPatch, TagFilter> = {
  store: (store) => store.capabilities,
  input: () => ({ title: 'Refunds' }),
  expected: () => ({ title: 'Refunds', description: '', signals: [], tags: [], owner: null }),
  invalid: { change: { title: '' }, path: ['title'] },
  update: {
    patch: { description: 'Refunds orders under $100' },
    keep: 'title',
    invalid: { patch: { signals: 'refund' }, path: ['signals'] },
  },
  tagged: true,
};

/** Every aggregate with its spec, keyed by its property on `ConductStore`. */
export const entitySpecs = {
  agents: agentSpec,
  customers: customerSpec,
  sessions: sessionSpec,
  guidelines: guidelineSpec,
  relationships: relationshipSpec,
  tags: tagSpec,
  journeys: journeySpec,
  terms: termSpec,
  variables: variableSpec,
  cannedResponses: cannedResponseSpec,
  capabilities: capabilitySpec,
} as const;
