import { createConduct, createMemoryStore, type JourneyStepper } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { createConductApp } from '../src/index.js';
import { caller } from './behavior-harness.js';

/** A return flow with every kind of state, as a request body. */
export function returnsBody() {
  return {
    id: 'returns',
    title: 'Return a product',
    description: 'Take a return from request to label',
    conditions: ['the customer wants to return something'],
    states: [
      { id: 'confirm', type: 'chat', instruction: 'Confirm which item they want to return' },
      {
        id: 'lookup',
        type: 'tool',
        tools: [{ service_name: 'orders', tool_name: 'lookup_order' }],
        instruction: 'Find the order',
      },
      { id: 'eligible', type: 'fork', description: 'Is it still returnable?' },
      {
        id: 'label',
        type: 'chat',
        instruction: 'Send the return label',
        composition_mode: 'strict_canned',
      },
      { id: 'refuse', type: 'chat', instruction: 'Explain the 30-day window kindly' },
      { id: 'done', type: 'end' },
    ],
    transitions: [
      { from: 'confirm', to: 'lookup', condition: 'the customer named the item' },
      { from: 'lookup', to: 'eligible' },
      { id: 'recent', from: 'eligible', to: 'label', condition: 'the order is recent' },
      { from: 'eligible', to: 'refuse', condition: 'the order is older than 30 days' },
      { from: 'label', to: 'done' },
      { from: 'refuse', to: 'done' },
    ],
  };
}

/**
 * A journey stepper without a model: it advances to the state whose id the latest customer
 * message names, and otherwise stays. Enough to put a session where a test needs it.
 */
export const namedStateStepper: JourneyStepper = {
  name: 'named-state',
  async step({ context, moves }) {
    const latest = [...context.history]
      .reverse()
      .find((event) => event.kind === 'message' && event.source === 'customer');
    const text = latest?.kind === 'message' ? latest.data.message : '';
    const move = moves.findIndex((m) => m.to !== null && text.includes(m.to));
    return move >= 0
      ? { action: 'advance', move, rationale: `named ${moves[move]?.to}` }
      : { action: 'stay' };
  },
};

/**
 * An app whose turns run for real (scripted `compose`, keyword matching, {@link namedStateStepper}),
 * with `turn(sessionId, message)` answering the turn's decision record as
 * `GET /sessions/{id}/traces/{trace_id}` returns it.
 */
export function turnSetup() {
  const model = createScriptedModel().on('compose', 'OK.');
  const conduct = createConduct({
    store: createMemoryStore(),
    model,
    strategies: [keywordStrategy()],
    journeyStepper: namedStateStepper,
    onError: () => {},
  });
  const app = createConductApp({ conduct });
  const call = caller(app);
  const session = async (): Promise<string> => {
    const agent = (await call('POST', '/agents', { name: 'Ava' })).body;
    return (await call('POST', '/sessions', { agent_id: agent.id })).body.id;
  };
  const turn = async (sessionId: string, message: string) => {
    const event = await call('POST', `/sessions/${sessionId}/events`, {
      kind: 'message',
      source: 'customer',
      message,
    });
    if (event.status !== 201) throw new Error(`message failed: ${JSON.stringify(event.body)}`);
    await conduct.engine.idle(sessionId);
    const trace = await call('GET', `/sessions/${sessionId}/traces/${event.body.trace_id}`);
    if (trace.status !== 200) throw new Error(`trace failed: ${JSON.stringify(trace.body)}`);
    return trace.body.turns[0];
  };
  return { conduct, store: conduct.store, app, call, session, turn };
}
