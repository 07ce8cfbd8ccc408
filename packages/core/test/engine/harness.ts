import { type ConductOptions, createConduct } from '../../src/conduct/create-conduct.js';
import type { Event } from '../../src/domain/event.js';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { createScriptedModel, type ScriptedModel } from '../../src/testing/scripted-model.js';
import { keywordStrategy } from '../../src/testing/test-strategies.js';

/** A conduct instance on the memory store with a scripted model, plus shortcuts for tests. */
export async function setup(
  options: Partial<ConductOptions> & {
    strategies?: readonly MatchingStrategy[];
    model?: ScriptedModel;
  } = {},
) {
  const model = options.model ?? createScriptedModel();
  const conduct = createConduct({
    ...options,
    model,
    strategies: options.strategies ?? [keywordStrategy()],
  });
  const agent = await conduct.agents.create({ name: 'Ava', description: 'Support for Voltmart' });
  const session = await agent.createSession();
  return {
    conduct,
    model,
    agent,
    session,
    /** Posts a customer message and waits until the session is idle. */
    async say(message: string) {
      const posted = await conduct.engine.postCustomerMessage(session.id, { message });
      await conduct.engine.idle(session.id);
      return posted.event;
    },
    events: (filter?: Parameters<typeof conduct.store.events.list>[1]) =>
      conduct.store.events.list(session.id, filter),
  };
}

/** Compact description of events, e.g. `message:customer`, `status:ready`. */
export function sequence(events: readonly Event[]): string[] {
  return events.map((event) =>
    event.kind === 'status'
      ? `status:${event.data.status}${'stage' in event.data.data && event.data.data.stage !== 'completed' ? `(${String(event.data.data.stage)})` : ''}`
      : `${event.kind}:${event.source}`,
  );
}
