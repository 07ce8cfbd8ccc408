import {
  type Event,
  emptyGrounding,
  emptySessionEngineState,
  type Guideline,
  type GuidelineInput,
  generateTraceId,
  guidelineInputSchema,
  type Journey,
  journeySchema,
  type LanguageModel,
  type Relationship,
  type RelationshipEndpoint,
  type TurnContext,
} from '@conduct/core';
import type { ScriptedAnswerFunction, ScriptedRequest } from '@conduct/core/testing';

const T0 = Date.parse('2025-01-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A stored guideline from a few fields. */
export function guideline(id: string, input: GuidelineInput): Guideline {
  return { ...guidelineInputSchema.parse(input), id, createdAt: at(0) };
}

/** A journey with one chat state. */
export function journey(id: string, title: string, description = ''): Journey {
  return journeySchema.parse({
    id,
    title,
    description,
    triggers: [],
    initialStateId: 'start',
    states: [{ id: 'start', type: 'chat', instruction: 'help' }],
    transitions: [],
    tags: [],
    labels: [],
    compositionMode: null,
    priority: 0,
    createdAt: at(0),
  });
}

/** A `disambiguates` relationship. */
export function disambiguates(
  source: RelationshipEndpoint,
  target: RelationshipEndpoint,
): Relationship {
  return {
    id: `r-${source.id}-${target.id}`,
    kind: 'disambiguates',
    source,
    target,
    anyOf: null,
    createdAt: at(0),
  };
}

/** What {@link turnContext} builds a turn from. */
export interface TurnSetup {
  model: LanguageModel;
  guidelines?: Guideline[];
  /** `Customer: …` and `Agent: …` lines, oldest first. */
  conversation?: string[];
  /** Applied guidelines; `reply` is the index in `conversation` of the agent line that applied it. */
  applied?: { guidelineId: string; count?: number; reply: number }[];
  relationships?: Relationship[];
  journeys?: Journey[];
  /** The turn's clock and time zone. Default: one hour after the conversation starts, in UTC. */
  time?: TurnContext['time'];
}

/** A turn context as the engine would gather it. */
export function turnContext(setup: TurnSetup): TurnContext {
  const traces: string[] = [];
  const history: Event[] = (setup.conversation ?? ['Customer: Hello']).map((line, offset) => {
    const fromCustomer = line.startsWith('Customer: ');
    const trace =
      fromCustomer || traces.length === 0 ? generateTraceId() : (traces.at(-1) as string);
    traces.push(trace);
    return {
      id: `e${offset}`,
      sessionId: 's1',
      offset,
      source: fromCustomer ? 'customer' : 'ai_agent',
      traceId: trace,
      createdAt: at(offset + 1),
      metadata: {},
      deleted: false,
      revision: 0,
      kind: 'message',
      data: {
        message: line.replace(/^(Customer|Agent): /, ''),
        participant: {
          id: fromCustomer ? 'c1' : 'a1',
          display_name: fromCustomer ? 'Dana' : 'Ava',
        },
      },
    };
  });
  const state = emptySessionEngineState();
  state.appliedGuidelines = (setup.applied ?? []).map((entry) => ({
    guidelineId: entry.guidelineId,
    traceId: traces[entry.reply] as string,
    appliedAt: at(entry.reply + 1),
    count: entry.count ?? 1,
  }));
  return {
    traceId: traces.at(-1) ?? generateTraceId(),
    agent: {
      id: 'a1',
      name: 'Ava',
      description: 'Support for Voltmart',
      compositionMode: 'fluid',
      outputMode: 'block',
      maxEngineIterations: 3,
      tags: [],
      createdAt: at(0),
    },
    customer: { id: 'c1', name: 'Dana', metadata: {}, tags: [], createdAt: at(0) },
    session: {
      id: 's1',
      agentId: 'a1',
      customerId: 'c1',
      title: null,
      mode: 'auto',
      labels: [],
      metadata: {},
      consumptionOffsets: { client: 0 },
      state,
      createdAt: at(0),
    },
    history,
    time: setup.time ?? { now: new Date(T0 + 60 * 60_000), timeZone: 'UTC' },
    guidelines: setup.guidelines ?? [],
    journeys: setup.journeys ?? [],
    relationships: setup.relationships ?? [],
    toolOutcomes: [],
    insights: [],
    iteration: 0,
    cannedResponses: [],
    activeJourneys: [],
    grounding: emptyGrounding(),
    signal: new AbortController().signal,
    model: setup.model,
  };
}

/** The numbered items of a matching prompt: `[number, text]`, continuation lines left out. */
export function itemsOf(request: Pick<ScriptedRequest, 'messages'>): [number, string][] {
  const prompt = request.messages.map((message) => message.content).join('\n');
  const section = /<items>\n([\s\S]*?)\n<\/items>/.exec(prompt)?.[1] ?? '';
  return section.split('\n').flatMap((line) => {
    const match = /^(\d+)\. (.*)$/.exec(line);
    return match === null ? [] : [[Number(match[1]), match[2] as string] as [number, string]];
  });
}

/** Whether the call asks for a verdict on every item (`{ items: [...] }`) rather than a list. */
export function asksPerItem(request: Pick<ScriptedRequest, 'request'>): boolean {
  const schema = (request.request as { schema?: { shape?: Record<string, unknown> } }).schema;
  return schema?.shape !== undefined && 'items' in schema.shape;
}

/**
 * An answer in the shape the call asks for: the items whose text contains one of `yes` apply,
 * the others do not — listed as matches only (others left out), or item by item.
 */
export function matchesByText(...yes: string[]): ScriptedAnswerFunction {
  return (request) => {
    const items = itemsOf(request).map(([n, text]) => ({
      n,
      applies: yes.some((part) => text.includes(part)),
    }));
    return asksPerItem(request)
      ? { items: items.map(({ n, applies }) => ({ n, reason: 'scripted', applies })) }
      : { applies: items.filter((item) => item.applies).map(({ n }) => ({ n, why: 'scripted' })) };
  };
}

/** A number-list answer with the items whose text contains one of `yes`. */
export function numbersByText(...yes: string[]): ScriptedAnswerFunction {
  return (request) => ({
    applies: itemsOf(request)
      .filter(([, text]) => yes.some((part) => text.includes(part)))
      .map(([n]) => n),
  });
}
