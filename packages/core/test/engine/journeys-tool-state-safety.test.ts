import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { scripted } from '../../src/testing/model-script.js';
import { defineTool } from '../../src/tools/define-tool.js';
import { journeySetup, OBSERVE, observe } from '../journeys/harness.js';

/** A journey that starts at a tool state (`charge`) and then tells the customer the result. */
async function chargeJourney(options: { consequential: boolean }) {
  const charge = vi.fn(async () => ({ data: { charged: 20 } }));
  const tool = defineTool({
    name: 'charge_card',
    description: 'Charge the card on file',
    parameters: z.object({}),
    consequential: options.consequential,
    run: charge,
  });
  const t = await journeySetup();
  await t.agent.journeys.create({
    id: 'pay',
    title: 'Pay the invoice',
    triggers: ['the customer wants to pay their invoice'],
    states: [
      { id: 'charge', type: 'tool', tools: [tool] },
      { id: 'tell', type: 'chat', instruction: 'Confirm the payment went through' },
      { id: 'end', type: 'end' },
    ],
    transitions: [
      { from: 'charge', to: 'tell' },
      { from: 'tell', to: 'end', condition: 'the customer is satisfied' },
    ],
  });
  t.model.on(
    OBSERVE,
    observe((c) => c.startsWith('the customer wants to pay their invoice')),
  );
  return { t, charge };
}

describe('journey tool states never run twice', () => {
  it('keeps the position past a tool state that ran when the turn then fails', async () => {
    const { t, charge } = await chargeJourney({ consequential: true });
    t.model.on('tool-call', { reason: 'asked for', calls: [{ arguments: {}, confirmed: true }] });
    t.model.queue('compose', scripted.fail('compose is down'));
    await t.say('please pay my invoice');
    expect(charge).toHaveBeenCalledTimes(1);
    expect((await t.lastRecord()).status).toBe('error');
    // The charge happened (its tool event is in the history): the journey must be past it.
    expect(await t.position('pay')).toMatchObject({ stateId: 'tell', path: ['charge', 'tell'] });

    t.model.on(
      OBSERVE,
      observe(() => false),
    );
    t.model.queue('journey-step', { action: 'stay' });
    await t.say('hello?');
    expect(charge).toHaveBeenCalledTimes(1);
    expect(await t.position('pay')).toMatchObject({ stateId: 'tell' });
  });

  it('keeps the position past a tool state that ran when the turn is then cancelled', async () => {
    const { t, charge } = await chargeJourney({ consequential: false });
    t.model.queue('compose', scripted.hang());
    const first = await t.conduct.engine.postCustomerMessage(t.session.id, {
      message: 'please pay my invoice',
    });
    await vi.waitFor(() => expect(t.model.callsFor('compose')).toHaveLength(1));
    t.model.on(
      OBSERVE,
      observe(() => false),
    );
    t.model.queue('journey-step', { action: 'stay' });
    await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'the one from May' });
    await first.turn;
    await t.conduct.engine.idle(t.session.id);

    const records = await t.conduct.store.turns.list(t.session.id);
    expect(records.map((record) => record.status)).toEqual(['cancelled', 'completed']);
    expect(charge).toHaveBeenCalledTimes(1);
    expect(await t.position('pay')).toMatchObject({ stateId: 'tell', path: ['charge', 'tell'] });
  });

  it('saves nothing from a failed turn in which no tool state ran', async () => {
    const { t } = await chargeJourney({ consequential: false });
    await t.agent.journeys.create({
      id: 'chat-only',
      title: 'Say hello',
      triggers: ['the customer greets'],
      states: [{ id: 'hello', type: 'chat', instruction: 'Greet back' }],
    });
    t.model.on(
      OBSERVE,
      observe((c) => c.startsWith('the customer greets')),
    );
    t.model.queue('compose', scripted.fail('compose is down'));
    await t.say('hi there');
    // The activation is redone by the next turn, which still sees the greeting.
    expect(await t.position('chat-only')).toBeUndefined();
  });
});
