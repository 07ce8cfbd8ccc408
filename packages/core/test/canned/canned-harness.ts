import { type ConductOptions, createConduct } from '../../src/conduct/create-conduct.js';
import type { AgentInput } from '../../src/domain/agent.js';
import type { Event, MessageEvent } from '../../src/domain/event.js';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { createScriptedModel, type ScriptedModel } from '../../src/testing/scripted-model.js';
import { keywordStrategy } from '../../src/testing/test-strategies.js';

/** A conduct instance with a scripted model and an agent in the given composition mode. */
export async function cannedSetup(
  agent: Partial<AgentInput> = {},
  options: Partial<ConductOptions> & { strategies?: MatchingStrategy[] } = {},
) {
  const model: ScriptedModel = createScriptedModel();
  const conduct = createConduct({
    ...options,
    model,
    strategies: options.strategies ?? [keywordStrategy()],
  });
  const handle = await conduct.agents.create({
    name: 'Ava',
    description: 'Support for Voltmart',
    ...agent,
  });
  const customer = await conduct.store.customers.create({
    name: 'Dana',
    metadata: { tier: 'gold' },
  });
  const session = await handle.createSession({ customerId: customer.id });
  const events = (filter?: Parameters<typeof conduct.store.events.list>[1]) =>
    conduct.store.events.list(session.id, filter);
  return {
    conduct,
    model,
    agent: handle,
    customer,
    session,
    events,
    /** Posts a customer message and waits until the session is idle. */
    async say(message: string) {
      await conduct.engine.postCustomerMessage(session.id, { message });
      await conduct.engine.idle(session.id);
    },
    /** The agent's non-preamble messages, oldest first. */
    async replies(): Promise<MessageEvent[]> {
      const all = await events({ kinds: ['message'] });
      return all.filter(
        (event): event is MessageEvent =>
          event.kind === 'message' &&
          event.source === 'ai_agent' &&
          !(event.data.tags ?? []).includes('__preamble__'),
      );
    },
    /** The latest turn's decision record. */
    async lastRecord() {
      const records = await conduct.store.turns.list(session.id);
      const record = records.at(-1);
      if (record === undefined) throw new Error('no turn record');
      return record;
    },
    /** Every prompt of `task` joined, for `toContain` checks. */
    promptOf(task: string, index = 0): string {
      const call = model.callsFor(task)[index];
      if (call === undefined) throw new Error(`no ${task} call #${index}`);
      return call.messages.map((message) => message.content).join('\n');
    },
  };
}

/** Messages of ai_agent events, in order (preambles included). */
export function agentTexts(events: readonly Event[]): string[] {
  return events.flatMap((event) =>
    event.kind === 'message' && event.source === 'ai_agent' ? [event.data.message] : [],
  );
}
