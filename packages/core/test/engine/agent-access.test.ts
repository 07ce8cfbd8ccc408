import { describe, expect, it } from 'vitest';
import { createConduct } from '../../src/conduct/create-conduct.js';
import type { AgentAccess } from '../../src/engine/engine-options.js';
import { AgentUnavailableError, ConfigurationError } from '../../src/errors/errors.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { matchAllStrategy } from '../../src/testing/test-strategies.js';

const READ_ONLY: AgentAccess = { mode: 'read-only', reason: 'its agent module is not loaded' };

describe('an agent out of service (agentAccess)', () => {
  it('refuses customer messages before storing anything, and says why', async () => {
    const store = createMemoryStore();
    const conduct = createConduct({
      store,
      model: createScriptedModel(),
      strategies: [matchAllStrategy()],
      agentAccess: (agentId) => (agentId === 'orphan' ? READ_ONLY : undefined),
    });
    const orphan = await conduct.agents.create({ id: 'orphan', name: 'Orphan' });
    const session = await orphan.createSession();
    const refusal = await conduct.engine
      .postCustomerMessage(session.id, { message: 'where is my order?' })
      .catch((error: unknown) => error);
    expect(AgentUnavailableError.is(refusal)).toBe(true);
    expect((refusal as Error).message).toBe(
      "Agent 'orphan' is read-only: its agent module is not loaded. Its sessions can be read, but it answers no new messages",
    );
    await expect(conduct.engine.respond(session.id)).rejects.toThrow(AgentUnavailableError);
    expect(await store.events.list(session.id)).toEqual([]);
  });

  it('closes its turns a crash left unfinished instead of resuming them', async () => {
    const store = createMemoryStore();
    const agent = await store.agents.create({ id: 'orphan', name: 'Orphan' });
    const session = await store.sessions.create({ agentId: agent.id });
    await store.events.append(session.id, {
      kind: 'message',
      source: 'customer',
      traceId: '0123456789abcdef0123456789abcdef',
      data: { message: 'hello?', participant: { id: 'guest', display_name: 'Guest' } },
    });
    const model = createScriptedModel().on('compose', 'Hi!');
    const conduct = createConduct({
      store,
      model,
      strategies: [matchAllStrategy()],
      agentAccess: () => READ_ONLY,
    });
    const recovered = await conduct.engine.recoverUnfinishedTurns({ mode: 'resume' });
    await recovered.settled;
    expect(model.calls).toEqual([]);
    const statuses = (await store.events.list(session.id, { kinds: ['status'] })).map(
      (event) => event.kind === 'status' && event.data.status,
    );
    expect(statuses).toContain('error');
  });
});

describe('a guideline naming a tool nothing registered', () => {
  it('is reported to onError as a configuration problem, not only noted in the record', async () => {
    const reported: unknown[] = [];
    const conduct = createConduct({
      store: createMemoryStore(),
      model: createScriptedModel().on('tool-call', { calls: [] }).on('compose', 'Let me see.'),
      strategies: [matchAllStrategy()],
      onError: (error) => reported.push(error),
    });
    const agent = await conduct.agents.create({ id: 'shop', name: 'Shop' });
    await agent.guidelines.create({
      id: 'order-status',
      condition: 'the customer asks about an order',
      action: 'look it up',
      tools: ['local:order_status'],
    });
    const session = await agent.createSession();
    await conduct.engine.postCustomerMessage(session.id, { message: 'where is my order?' });
    await conduct.engine.idle(session.id);
    expect(reported).toHaveLength(1);
    expect(ConfigurationError.is(reported[0])).toBe(true);
    expect((reported[0] as Error).message).toBe(
      "Guideline 'order-status' names tool 'local:order_status', which is not registered: it could not run (register it with a module, or remove it from there)",
    );
    const [record] = await conduct.store.turns.list(session.id);
    expect(record?.notes).toContain(
      "Guideline 'order-status' names tool local:order_status, which is not registered",
    );
  });
});
