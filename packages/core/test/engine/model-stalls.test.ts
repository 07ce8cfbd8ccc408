import { beforeAll, describe, expect, it } from 'vitest';
import { createConduct } from '../../src/conduct/create-conduct.js';
import { createModelRouter, type ModelRouterOptions } from '../../src/model/router.js';
import { loadTokenizer } from '../../src/prompt/tokenizer.js';
import { scripted } from '../../src/testing/model-script.js';
import { createScriptedModel, type ScriptedModel } from '../../src/testing/scripted-model.js';
import { scriptedTaskStrategy } from '../../src/testing/test-strategies.js';

const MATCHED = { matches: [{ number: 1, applies: true, rationale: 'asks for a refund' }] };
// Far longer than a turn takes here, far shorter than the engine's 60 s default per call.
const STALL_MS = 5_000;

/** One turn through a router over `model`; returns its wall time and decision record. */
async function turnThrough(
  model: ScriptedModel,
  router: Omit<ModelRouterOptions, 'default'>,
  criticality?: 'high',
) {
  const conduct = createConduct({
    model: createModelRouter({ default: model, ...router }),
    strategies: [scriptedTaskStrategy('actionable')],
  });
  const agent = await conduct.agents.create({ name: 'Ava' });
  await agent.guidelines.create({
    condition: 'the customer asks for a refund',
    action: 'check the order status first',
    ...(criticality === undefined ? {} : { criticality }),
  });
  const session = await agent.createSession();
  const started = performance.now();
  const posted = await conduct.engine.postCustomerMessage(session.id, { message: 'A refund?' });
  await posted.turn;
  const ms = performance.now() - started;
  await conduct.engine.idle(session.id);
  const [record] = await conduct.store.turns.list(session.id, { traceId: posted.event.traceId });
  const replies = await conduct.store.events.list(session.id, {
    kinds: ['message'],
    source: 'ai_agent',
  });
  await conduct.close();
  return { ms, record, replies };
}

describe('a stalled model call in a turn', () => {
  // A cold start (tokenizer, first compilation) takes a while; keep it out of the measured turns.
  beforeAll(async () => {
    await loadTokenizer();
    const warm = createScriptedModel().on('actionable', MATCHED).on('compose', 'Hello.');
    await turnThrough(warm, { hedging: false });
  });

  it('is abandoned at its task deadline; the turn still answers and records the timeout', async () => {
    const model = createScriptedModel()
      .queue('actionable', scripted.hang())
      .on('compose', 'Let me check your order first.');
    const { ms, record, replies } = await turnThrough(model, {
      timeouts: { actionable: 100 },
      hedging: false,
    });
    expect(ms).toBeLessThan(STALL_MS / 2);
    expect(replies).toHaveLength(1);
    const actionable = record?.modelCalls.find((call) => call.task === 'actionable');
    expect(actionable?.error).toMatch(/timed out after 100 ms/);
    expect(record?.verdicts).toContainEqual(
      expect.objectContaining({ strategy: 'actionable', matched: null }),
    );
  }, 20_000);

  it('is hedged: the turn takes about the hedge delay, not the stall, and the record shows it', async () => {
    const model = createScriptedModel()
      .queue('actionable', scripted.delay(STALL_MS, MATCHED), MATCHED)
      .on('compose', 'Let me check your order first.');
    const { ms, record } = await turnThrough(model, { hedging: { delayMs: 50 } });
    expect(ms).toBeLessThan(STALL_MS / 2);
    const actionable = record?.modelCalls.find((call) => call.task === 'actionable');
    expect(actionable?.hedge).toMatchObject({ winner: 'hedge' });
    expect(actionable?.usage.inputTokens).toBe(2 * model.calls[1]!.usage.inputTokens);
    expect(record?.verdicts).toContainEqual(
      expect.objectContaining({ strategy: 'actionable', matched: true }),
    );
  }, 20_000);

  it('is hedged on a fresh router too: one hung call does not fail a high-criticality turn', async () => {
    // Default hedging and default unevaluated policy (`fail`); no latency samples yet, so only
    // the cold-start hedge (40 % of the deadline, at least 500 ms) can save the turn.
    const model = createScriptedModel()
      .queue('actionable', scripted.hang(), MATCHED)
      .on('compose', 'Let me check your order first.');
    const deadline = 1_000;
    const { ms, record, replies } = await turnThrough(
      model,
      { timeouts: { actionable: deadline } },
      'high',
    );
    expect(replies).toHaveLength(1);
    expect(record?.status).toBe('completed');
    expect(ms).toBeLessThan(deadline);
    const actionable = record?.modelCalls.find((call) => call.task === 'actionable');
    expect(actionable?.hedge).toMatchObject({ winner: 'hedge' });
    expect(actionable?.hedge?.delayMs).toBeGreaterThanOrEqual(490);
    expect(record?.verdicts).toContainEqual(
      expect.objectContaining({ strategy: 'actionable', matched: true }),
    );
  }, 20_000);
});
