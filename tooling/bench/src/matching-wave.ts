import { createConduct, createMemoryStore } from '@conduct/core';
import { createSimulatedModel } from '@conduct/core/testing';
import { defaultStrategies } from '@conduct/matchers';
import { criticalPath } from './critical-path.js';
import { MEASURED_MESSAGE } from './fixtures.js';
import { simulatedAnswers } from './simulated-answers.js';

/** Matching cost of one turn, batched vs one call per guideline. */
export interface MatchingWave {
  batched: MatchingCost;
  perGuideline: MatchingCost;
}

/** Matching calls of one turn. */
export interface MatchingCost {
  calls: number;
  /** Sequential matching calls before compose (1 = one parallel wave). */
  depth: number;
  promptTokens: number;
  outputTokens: number;
  byTask: Record<string, number>;
}

const ACTIONABLE = [
  'the customer asks for a refund',
  'the customer asks about delivery times',
  'the customer wants to cancel an order',
  'the customer asks about the warranty',
  'the customer reports a damaged item',
  'the customer asks for an invoice',
  'the customer asks about store hours',
  'the customer asks about payment options',
  'the customer asks about trade-ins',
  'the customer asks for a product recommendation',
  'the customer asks about gift wrapping',
  'the customer wants to change the delivery address',
];
const OBSERVATIONS = [
  'the customer is a business buyer',
  'the customer is upset',
  'the customer mentions a laptop',
  'the customer writes in a language other than English',
  'the customer has an open order',
];
const APPLIED = [
  'the conversation starts',
  'the customer gives their name',
  'the customer asks about shipping costs',
];

/**
 * The turn of issue 4's acceptance test: 12 actionable guidelines, 5 observations and 3 already
 * applied (tracked) ones, matched with default batching and with one guideline per call.
 */
export async function measureMatchingWave(): Promise<MatchingWave> {
  return {
    batched: await matchingCost(undefined),
    perGuideline: await matchingCost({ maxItems: 1 }),
  };
}

async function matchingCost(batch: { maxItems: number } | undefined): Promise<MatchingCost> {
  const model = createSimulatedModel({ answer: simulatedAnswers, timeScale: 0.05 });
  const conduct = createConduct({
    store: createMemoryStore(),
    model,
    strategies: defaultStrategies(batch ? { batch } : {}),
  });
  const agent = await conduct.agents.create({
    name: 'Volt',
    description: 'Electronics store support',
  });
  for (const condition of ACTIONABLE)
    await agent.guidelines.create({ condition, action: `help with it: ${condition}` });
  for (const condition of OBSERVATIONS) await agent.guidelines.create({ condition });
  const applied = [];
  for (const condition of APPLIED)
    applied.push(await agent.guidelines.create({ condition, action: 'acknowledge it' }));
  const session = await agent.createSession();
  const now = new Date().toISOString();
  await conduct.store.sessions.update(session.id, {
    state: {
      ...session.state,
      appliedGuidelines: applied.map((g) => ({
        guidelineId: g.id,
        traceId: '0'.repeat(32),
        appliedAt: now,
        count: 1,
      })),
    },
  });
  const posted = await conduct.engine.postCustomerMessage(session.id, {
    message: MEASURED_MESSAGE,
  });
  await posted.turn;
  await conduct.close();
  const calls = model.calls.filter(
    (call) => call.traceId === posted.event.traceId && call.task !== 'response-analysis',
  );
  const matching = calls.filter((call) => call.task !== 'compose');
  const byTask: Record<string, number> = {};
  for (const call of matching) byTask[call.task] = (byTask[call.task] ?? 0) + 1;
  return {
    calls: matching.length,
    depth: criticalPath(calls).depth - 1,
    promptTokens: matching.reduce((sum, call) => sum + call.inputTokens, 0),
    outputTokens: matching.reduce((sum, call) => sum + call.outputTokens, 0),
    byTask,
  };
}
