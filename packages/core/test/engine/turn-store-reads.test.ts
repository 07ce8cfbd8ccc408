import { describe, expect, it, vi } from 'vitest';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { setup } from './harness.js';

describe('store reads of a turn', () => {
  it('reads the log once and the session once before its commit, when nothing was pending', async () => {
    const t = await setup({ model: createScriptedModel().on('compose', 'Hello!') });
    const { store } = t.conduct;
    const lists = vi.spyOn(store.events, 'list');
    const gets = vi.spyOn(store.sessions, 'get');
    const finds = vi.spyOn(store.sessions, 'find');
    const posted = await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'hi' });
    expect((await posted.turn).status).toBe('answered');
    // The turn gate's read is also the conversation the reply is written from.
    expect(lists).toHaveBeenCalledTimes(1);
    // postCustomerMessage reads the session (participant); the turn once (mode, state) and once
    // more inside its commit, where it merges its state into the session.
    expect(gets.mock.calls.length + finds.mock.calls.length).toBe(3);
    await t.conduct.engine.idle(t.session.id);
  });
});
