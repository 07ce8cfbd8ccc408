import { describe, expect, it } from 'vitest';
import { call, pollUntilReply, say, send, setup } from './sessions-harness.js';

/** The lines of `<name>…</name>` in a prompt. */
function section(prompt: string, name: string): string[] {
  const start = prompt.indexOf(`<${name}>\n`);
  if (start < 0) return [];
  return prompt.slice(start + name.length + 3, prompt.indexOf(`\n</${name}>`, start)).split('\n');
}

describe('grounding defined over HTTP reaches the prompts', () => {
  it('terms, capabilities and variable values created over HTTP are in the compose prompt', async () => {
    const { app, model } = setup();
    const agent = (await call(app, '/agents', send('POST', { name: 'Ava' }))).body;
    const scope = [`agent:${agent.id}`];
    const other = (await call(app, '/agents', send('POST', { name: 'Bob' }))).body;
    const post = async (path: string, body: unknown) => {
      const response = await call(app, path, send('POST', body));
      expect(response.status, path).toBe(201);
      return response.body;
    };
    await post('/terms', {
      name: 'Voltmart Plus',
      synonyms: ['VPlus'],
      description: 'Paid membership with free next-day shipping',
      tags: scope,
    });
    await post('/terms', { name: 'RMA', description: 'Return authorization', tags: scope });
    await post('/terms', {
      name: 'Shipping',
      description: "Another agent's term",
      tags: [`agent:${other.id}`],
    });
    await post('/capabilities', {
      title: 'Membership upgrade',
      description: 'Upgrade a Voltmart Plus membership',
      signals: ['upgrade my membership', 'Voltmart Plus'],
      tags: scope,
    });
    const tier = await post('/context-variables', { name: 'tier', tags: scope });
    const customer = await post('/customers', { name: 'Dana' });
    const put = await call(
      app,
      `/context-variables/${tier.id}/${customer.id}`,
      send('PUT', { data: 'gold' }),
    );
    expect(put.status).toBe(200);

    const session = (
      await call(app, '/sessions', send('POST', { agent_id: agent.id, customer_id: customer.id }))
    ).body;
    await say(app, session.id, 'Can I upgrade my VPlus membership? Does it include shipping?');
    await pollUntilReply(app, session.id);

    const prompt = model
      .callsFor('compose')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(section(prompt ?? '', 'glossary')).toEqual([
      '- Voltmart Plus (also: VPlus): Paid membership with free next-day shipping',
    ]);
    expect(section(prompt ?? '', 'capabilities')).toEqual([
      '- Membership upgrade: Upgrade a Voltmart Plus membership',
    ]);
    expect(section(prompt ?? '', 'variables')).toEqual(['- tier: gold']);
  });
});
