import { describe, expect, it } from 'vitest';
import { setup as behaviorSetup } from './behavior-harness.js';
import { call, say, send, setup } from './sessions-harness.js';

describe('/canned_responses template checks', () => {
  it('rejects malformed templates and mismatched declared fields with a clear 422, storing nothing', async () => {
    const { call: request, store } = behaviorSetup();
    const field = (name: string) => ({ name, description: 'd', examples: [] });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ value: 'Order {{order_id', fields: [] }, 'value', 'unclosed placeholder'],
      [{ value: 'Hi {{std.customer.email}}', fields: [] }, 'value', 'not a known std field'],
      [
        { value: 'Order {{order_idd}}', fields: [field('order_id')] },
        'value',
        'placeholder "{{order_idd}}" is not among the declared fields (order_id)',
      ],
      [
        { value: 'Hi', fields: [], field_dependencies: ['std.nope'] },
        'field_dependencies',
        'not a known std field',
      ],
    ];
    for (const [body, loc, message] of cases) {
      const response = await request('POST', '/canned_responses', body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.detail[0]).toMatchObject({
        type: 'value_error',
        loc: ['body', loc],
        msg: expect.stringContaining(message),
      });
    }
    expect(await store.cannedResponses.list()).toEqual([]);

    // Undeclared tool fields are fine when no field is declared (Parlant SDK style).
    const ok = await request('POST', '/canned_responses', {
      value: 'Order {{order_id}} ships {{generative.when}}, {{std.customer.name}}.',
      fields: [],
    });
    expect(ok.status).toBe(201);
    const patched = await request('PATCH', `/canned_responses/${ok.body.id}`, {
      value: 'Order {{order_id}',
    });
    expect(patched.status).toBe(422);
    const declared = await request('PATCH', `/canned_responses/${ok.body.id}`, {
      fields: [field('order_id')],
    });
    expect(declared.status).toBe(422);
    expect(declared.body.detail.map((d: { msg: string }) => d.msg)).toEqual([
      'placeholder "{{generative.when}}" is not among the declared fields (order_id)',
    ]);
    expect((await store.cannedResponses.get(ok.body.id)).value).toBe(
      'Order {{order_id}} ships {{generative.when}}, {{std.customer.name}}.',
    );
  });

  it('accepts the reserved preamble and no-match tags', async () => {
    const { call: request } = behaviorSetup();
    for (const tag of ['__preamble__', '__no_match__']) {
      const created = await request('POST', '/canned_responses', {
        value: 'x',
        fields: [],
        tags: [tag],
      });
      expect(created.status, tag).toBe(201);
    }
  });
});

describe('canned composition over HTTP', () => {
  it('a strict agent answers with an approved template; the event carries draft and canned_responses', async () => {
    const { app, model } = setup({
      model: {
        answers: {
          'canned-strict': (request) => {
            const prompt = request.messages.map((m) => m.content).join('\n');
            const line = prompt.split('\n').find((l) => l.includes('open 9')) ?? '';
            return { draft: 'say the hours', choice: Number(line[1]), fit: 'full', fields: [] };
          },
        },
      },
    });
    const agent = (
      await call(app, '/agents', send('POST', { name: 'Ava', composition_mode: 'strict_canned' }))
    ).body;
    const hours = (
      await call(
        app,
        '/canned_responses',
        send('POST', {
          value: 'We are open 9 to 5, {{std.customer.name}}.',
          fields: [],
          tags: [`agent:${agent.id}`],
        }),
      )
    ).body;
    await call(
      app,
      '/canned_responses',
      send('POST', {
        value: 'Only orders here.',
        fields: [],
        tags: [`agent:${agent.id}`, '__no_match__'],
      }),
    );
    const session = (await call(app, '/sessions', send('POST', { agent_id: agent.id }))).body;
    await say(app, session.id, 'when do you open?');
    const events = await call(
      app,
      `/sessions/${session.id}/events?min_offset=1&kinds=message&source=ai_agent&wait_for_data=5`,
    );
    expect(events.body[0].data).toMatchObject({
      message: 'We are open 9 to 5, Guest.',
      draft: 'say the hours',
      canned_responses: [[hours.id, 'We are open 9 to 5, Guest.']],
    });
    expect(model.callsFor('compose')).toHaveLength(0);
  });
});
