import { describe, expect, it } from 'vitest';
import { agentAndSession, call, pollUntilReply, say, setup } from './sessions-harness.js';

describe('GET /sessions/{id}/traces/{trace_id}', () => {
  it('returns the decision records and events of a trace', async () => {
    const { app, conduct } = setup();
    const { agent, session } = await agentAndSession(app);
    const guideline = await (await conduct.agents.get(agent.id)).guidelines.create({
      condition: 'the customer asks about a refund',
      action: 'explain the refund policy',
    });
    const message = await say(app, session.id, 'Can I get a refund?');
    await pollUntilReply(app, session.id, 1);
    await conduct.engine.idle(session.id);
    const response = await call(app, `/sessions/${session.id}/traces/${message.trace_id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ session_id: session.id, trace_id: message.trace_id });
    const [turn] = response.body.turns;
    expect(turn).toMatchObject({
      session_id: session.id,
      agent_id: agent.id,
      trace_id: message.trace_id,
      status: 'completed',
      matched: { guidelines: [guideline.id], journeys: [], journey_states: [] },
    });
    expect(turn.verdicts).toContainEqual(
      expect.objectContaining({ entity: { type: 'guideline', id: guideline.id }, matched: true }),
    );
    expect(turn.model_calls[0]).toMatchObject({ task: 'compose', usage: expect.any(Object) });
    expect(turn.model_calls[0].usage).toHaveProperty('input_tokens');
    expect(turn.stages[0]).toHaveProperty('duration_ms');
    // Journeys, grounding and composition, in the same snake_case shape as the rest.
    expect(turn.journeys).toEqual([]);
    expect(turn.grounding).toMatchObject({ method: 'lexical', refreshes: [], retrievers: [] });
    expect(turn.composition).toMatchObject({ mode: 'fluid', mode_source: null, outcome: 'fluid' });
    expect(turn.composition).toHaveProperty('mode_reason');
    expect(response.body.events[0].id).toBe(message.id);
    expect(
      response.body.events.every((e: { trace_id: string }) => e.trace_id === message.trace_id),
    ).toBe(true);
  });

  it('answers 404 for an unknown trace or session', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app);
    const unknownTrace = await call(app, `/sessions/${session.id}/traces/${'0'.repeat(32)}`);
    expect(unknownTrace.status).toBe(404);
    expect(typeof unknownTrace.body.detail).toBe('string');
    expect((await call(app, `/sessions/nope/traces/${'0'.repeat(32)}`)).status).toBe(404);
  });
});
