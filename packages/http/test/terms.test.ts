import { afterEach, describe, expect, it, vi } from 'vitest';
import { once, parlantClient, setup } from './behavior-harness.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('/terms', () => {
  it('creates, filters, reads, updates and deletes glossary terms', async () => {
    const { call } = setup();
    const tag = (await call('POST', '/tags', { name: 'store' })).body;
    const created = await call('POST', '/terms', {
      name: 'RMA',
      description: 'Return merchandise authorization',
      synonyms: ['return number'],
      tags: [tag.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'RMA',
      description: 'Return merchandise authorization',
      synonyms: ['return number'],
      tags: [tag.id],
    });
    const term = created.body;
    const plain = (await call('POST', '/terms', { name: 'SKU', description: 'Stock unit' })).body;
    expect(plain).toMatchObject({ synonyms: [], tags: [] });

    expect((await call('GET', '/terms')).body).toHaveLength(2);
    expect((await call('GET', `/terms?tag_id=${tag.id}`)).body).toEqual([term]);
    expect((await call('GET', `/terms/${term.id}`)).body).toEqual(term);

    const patched = await call('PATCH', `/terms/${term.id}`, {
      description: 'RMA number',
      synonyms: ['return code'],
      tags: { remove: [tag.id] },
    });
    expect(patched.body).toEqual({
      ...term,
      description: 'RMA number',
      synonyms: ['return code'],
      tags: [],
    });

    expect((await call('DELETE', `/terms/${term.id}`)).status).toBe(204);
    expect((await call('GET', `/terms/${term.id}`)).status).toBe(404);
  });

  it('honours custom ids (duplicate → 409) and rejects bad input without storing', async () => {
    const { call, store } = setup();
    expect(
      (await call('POST', '/terms', { id: 'rma', name: 'RMA', description: 'd' })).body.id,
    ).toBe('rma');
    expect((await call('POST', '/terms', { id: 'rma', name: 'X', description: 'd' })).status).toBe(
      409,
    );

    const missing = await call('POST', '/terms', { name: 'X' });
    expect(missing.status).toBe(422);
    expect(missing.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'description'] });
    expect((await call('POST', '/terms', { name: 'x'.repeat(101), description: 'd' })).status).toBe(
      422,
    );
    expect(
      (await call('POST', '/terms', { name: 'X', description: 'd', synonyms: 'a' })).status,
    ).toBe(422);
    const unknownTag = await call('POST', '/terms', {
      name: 'X',
      description: 'd',
      tags: ['nope'],
    });
    expect(unknownTag.status).toBe(404);
    expect(unknownTag.body.detail).toBe("Tag not found (id='nope')");
    expect((await store.terms.list()).map((t) => t.id)).toEqual(['rma']);

    expect((await call('PATCH', '/terms/rma', { tags: { add: ['nope'] } })).status).toBe(404);
    expect((await call('PATCH', '/terms/rma', { name: '' })).status).toBe(422);
    expect(await store.terms.get('rma')).toMatchObject({ name: 'RMA', tags: [] });
    expect((await call('PATCH', '/terms/nope', { name: 'x' })).status).toBe(404);
    expect((await call('DELETE', '/terms/nope')).status).toBe(404);
  });

  it('accepts built-in agent tags when the agent exists', async () => {
    const { call } = setup();
    const agent = (await call('POST', '/agents', { name: 'Ava' })).body;
    const term = await call('POST', '/terms', {
      name: 'RMA',
      description: 'd',
      tags: [`agent:${agent.id}`],
    });
    expect(term.status).toBe(201);
    expect(
      (await call('POST', '/terms', { name: 'X', description: 'd', tags: ['agent:ghost'] })).status,
    ).toBe(404);
  });

  it('works with parlant-client 3.3.1', async () => {
    const { app } = setup();
    const client = parlantClient(app);
    const term = await client.glossary.createTerm({ name: 'RMA', description: 'd' }, once);
    expect(await client.glossary.retrieveTerm(term.id, once)).toEqual(term);
    expect(await client.glossary.listTerms({}, once)).toEqual([term]);
    const updated = await client.glossary.updateTerm(term.id, { synonyms: ['return'] }, once);
    expect(updated.synonyms).toEqual(['return']);
    await client.glossary.deleteTerm(term.id, once);
  });
});
