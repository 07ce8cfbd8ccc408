import { describe, expect, it } from 'vitest';
import { turnSetup } from './journeys-graph-harness.js';

/** A sign-up journey started by "signup", one chat step per answer. */
const signup = {
  id: 'signup',
  title: 'Sign up',
  description: 'Sign the customer up',
  conditions: ['signup request'],
  states: [
    { id: 'ask_name', type: 'chat', instruction: 'Ask for their name' },
    { id: 'ask_email', type: 'chat', instruction: 'Ask for their email' },
    { id: 'ask_plan', type: 'chat', instruction: 'Ask which plan they want' },
  ],
  transitions: [
    { from: 'ask_name', to: 'ask_email', condition: 'the customer gave a name' },
    { from: 'ask_email', to: 'ask_plan', condition: 'the customer gave an email' },
  ],
};

describe('journeys defined over HTTP, in real turns', () => {
  it('moves a session inside a journey edited over HTTP, and records the reset', async () => {
    const { call, session, turn } = turnSetup();
    expect((await call('POST', '/journeys', signup)).status).toBe(201);
    const id = await session();
    expect((await turn(id, 'signup please')).journeys).toMatchObject([
      { journey_id: 'signup', action: 'activated', to: 'ask_name' },
    ]);
    expect((await turn(id, 'Kim, go to ask_email')).journeys).toMatchObject([
      { action: 'advanced', from: 'ask_name', to: 'ask_email' },
    ]);
    await turn(id, 'kim@example.com, now ask_plan');

    // `ask_plan` is replaced by `ask_tier`: the session's state no longer exists.
    const edited = await call('PATCH', '/journeys/signup', {
      states: [
        ...signup.states.slice(0, 2),
        { id: 'ask_tier', type: 'chat', instruction: 'Tier?' },
      ],
      transitions: [
        signup.transitions[0],
        { from: 'ask_email', to: 'ask_tier', condition: 'the customer gave an email' },
      ],
    });
    expect(edited.status).toBe(200);
    const record = await turn(id, 'hello?');
    expect(record.journeys[0]).toMatchObject({
      journey_id: 'signup',
      action: 'reset',
      from: 'ask_plan',
      to: 'ask_email',
      decided_by: 'engine',
    });
    expect(record.journeys[0].reason).toContain("state 'ask_plan' no longer exists");
    expect(record.matched.journey_states).toEqual(['signup:ask_email']);
  });

  it('scopes guidelines tagged journey:<id> and journey_node:<id>:<state> to the journey', async () => {
    const { call, session, turn } = turnSetup();
    await call('POST', '/journeys', signup);
    const inJourney = (
      await call('POST', '/guidelines', {
        condition: 'discount question',
        action: 'say discounts come after sign-up',
        tags: ['journey:signup'],
      })
    ).body;
    const atEmail = (
      await call('POST', '/guidelines', {
        condition: 'discount question',
        action: 'offer the newsletter discount',
        tags: ['journey_node:signup:ask_email'],
      })
    ).body;
    const id = await session();
    const outside = await turn(id, 'a discount question');
    expect(outside.matched.guidelines).toEqual([]);
    await turn(id, 'signup please');
    const atName = await turn(id, 'another discount question');
    expect(atName.matched.guidelines).toEqual([inJourney.id]);
    await turn(id, 'Kim, go to ask_email');
    const later = await turn(id, 'discount question again');
    expect([...later.matched.guidelines].sort()).toEqual([inJourney.id, atEmail.id].sort());
  });

  it('checks journey_node tags name a real journey state', async () => {
    const { call, store } = turnSetup();
    await call('POST', '/journeys', signup);
    const unknownState = await call('POST', '/guidelines', {
      condition: 'c',
      tags: ['journey_node:signup:nope'],
    });
    expect(unknownState.status).toBe(404);
    expect(unknownState.body.detail).toBe("Journey state not found (id='signup:nope')");
    const unknownJourney = await call('POST', '/guidelines', {
      condition: 'c',
      tags: ['journey_node:ghost:ask_name'],
    });
    expect(unknownJourney.status).toBe(404);
    expect(await store.guidelines.list()).toEqual([]);
  });

  it('deletes guidelines and canned responses scoped only to a deleted journey', async () => {
    const { call, store } = turnSetup();
    await call('POST', '/journeys', signup);
    await call('POST', '/journeys', { ...signup, id: 'other', title: 'Other' });
    const only = (await call('POST', '/guidelines', { condition: 'a', tags: ['journey:signup'] }))
      .body;
    const atState = (
      await call('POST', '/guidelines', { condition: 'b', tags: ['journey_node:signup:ask_name'] })
    ).body;
    const shared = (
      await call('POST', '/guidelines', {
        condition: 'c',
        // (A state tag would narrow it to signup's state; see journeys-graph-cascade.test.ts.)
        tags: ['journey:signup', 'journey:other'],
      })
    ).body;
    const unrelated = (await call('POST', '/guidelines', { condition: 'd' })).body;
    await call('POST', '/relationships', {
      source_guideline: only.id,
      target_guideline: unrelated.id,
      kind: 'entailment',
    });
    const canned = (
      await call('POST', '/canned_responses', { value: 'Welcome!', tags: ['journey:signup'] })
    ).body;

    expect((await call('DELETE', '/journeys/signup')).status).toBe(204);
    const left = await store.guidelines.list();
    expect(left.map((g) => g.id).sort()).toEqual([shared.id, unrelated.id].sort());
    expect(left.find((g) => g.id === shared.id)?.tags).toEqual(['journey:other']);
    expect((await call('GET', `/guidelines/${atState.id}`)).status).toBe(404);
    expect(await store.relationships.list()).toEqual([]);
    expect((await call('GET', `/canned_responses/${canned.id}`)).status).toBe(404);
    expect((await store.journeys.list()).map((j) => j.id)).toEqual(['other']);
  });
});
