import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConductApp } from '../src/index.js';
import {
  type Called,
  caller,
  once,
  parlantClient,
  setup,
  withGuidelines,
} from './behavior-harness.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const lookup = { service_name: 'orders', tool_name: 'lookup_order' };
const refund = { service_name: 'orders', tool_name: 'refund_order' };
const ids = (response: Called) => response.body.map((r: { id: string }) => r.id).sort();

describe('/relationships', () => {
  it('creates relationships in wire kinds and nests the DTO of each side', async () => {
    const { call, store, a, b, tag } = await withGuidelines();
    const created = await call('POST', '/relationships', {
      source_guideline: a.id,
      target_guideline: b.id,
      kind: 'entailment',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      source_guideline: a,
      source_tag: null,
      source_tool: null,
      target_guideline: b,
      target_tag: null,
      target_tool: null,
      kind: 'entailment',
    });
    const priority = await call('POST', '/relationships', {
      source_tag: tag.id,
      target_guideline: a.id,
      kind: 'priority',
    });
    expect(priority.body).toMatchObject({ source_tag: tag, target_guideline: a, kind: 'priority' });
    expect(await store.relationships.get(priority.body.id)).toMatchObject({
      kind: 'overrides',
      source: { type: 'tag', id: tag.id },
      target: { type: 'guideline', id: a.id },
    });

    const tools = await call('POST', '/relationships', {
      source_tool: lookup,
      target_tool: refund,
      kind: 'overlap',
    });
    expect(tools.body.source_tool).toEqual({
      creation_utc: expect.any(String),
      name: 'lookup_order',
      description: 'Finds an order by its number',
      parameters: {
        order_id: { type: 'string', description: 'The order number' },
        channel: { type: 'string', enum: ['web', 'store'] },
      },
      required: ['order_id'],
    });
    expect(tools.body.target_tool.parameters.amount.type).toBe('integer');
    expect((await store.relationships.get(tools.body.id)).source).toEqual({
      type: 'tool',
      id: 'orders:lookup_order',
    });

    const reevaluation = await call('POST', '/relationships', {
      source_guideline: b.id,
      target_tool: lookup,
      kind: 'reevaluation',
    });
    expect((await store.relationships.get(reevaluation.body.id)).kind).toBe('reevaluate-after');
    expect((await call('GET', `/relationships/${created.body.id}`)).body).toEqual(created.body);
  });

  it('relates journeys through their `journey:<id>` tag', async () => {
    const { call, store, a } = await withGuidelines();
    const journey = (
      await call('POST', '/journeys', { title: 'Returns', description: 'd', conditions: [] })
    ).body;
    const created = await call('POST', '/relationships', {
      source_tag: `journey:${journey.id}`,
      target_guideline: a.id,
      kind: 'dependency',
    });
    expect(created.status).toBe(201);
    expect(created.body.source_tag).toEqual({ id: `journey:${journey.id}`, name: 'Returns' });
    expect((await store.relationships.get(created.body.id)).source).toEqual({
      type: 'journey',
      id: journey.id,
    });
    const listed = await call('GET', `/relationships?tag_id=journey:${journey.id}`);
    expect(ids(listed)).toEqual([created.body.id]);
  });

  it('lists with kind, guideline, tag and tool filters, direct or indirect', async () => {
    const { call, a, b, c, tag } = await withGuidelines();
    const post = async (body: object) => (await call('POST', '/relationships', body)).body.id;
    const ab = await post({ source_guideline: a.id, target_guideline: b.id, kind: 'entailment' });
    const bc = await post({ source_guideline: b.id, target_guideline: c.id, kind: 'entailment' });
    const ta = await post({ source_tag: tag.id, target_guideline: a.id, kind: 'priority' });
    const tool = await post({ source_guideline: c.id, target_tool: lookup, kind: 'reevaluation' });

    expect(ids(await call('GET', '/relationships'))).toEqual([ab, bc, ta, tool].sort());
    expect(ids(await call('GET', '/relationships?kind=entailment'))).toEqual([ab, bc].sort());
    expect(ids(await call('GET', `/relationships?guideline_id=${a.id}`))).toEqual(
      [ab, bc, ta].sort(),
    );
    expect(ids(await call('GET', `/relationships?guideline_id=${a.id}&indirect=false`))).toEqual(
      [ab, ta].sort(),
    );
    expect(ids(await call('GET', `/relationships?guideline_id=${c.id}&kind=entailment`))).toEqual(
      [ab, bc].sort(),
    );
    expect(ids(await call('GET', `/relationships?tag_id=${tag.id}`))).toEqual([ta]);
    expect(ids(await call('GET', '/relationships?tool_id=orders:lookup_order'))).toEqual([tool]);
    expect((await call('GET', '/relationships?guideline_id=nope')).body).toEqual([]);
  });

  it('deletes a relationship', async () => {
    const { call, a, b } = await withGuidelines();
    const created = (
      await call('POST', '/relationships', {
        source_guideline: a.id,
        target_guideline: b.id,
        kind: 'disambiguation',
      })
    ).body;
    expect((await call('DELETE', `/relationships/${created.id}`)).status).toBe(204);
    expect((await call('GET', `/relationships/${created.id}`)).status).toBe(404);
  });

  it('takes tool references as given when the services carry no tool registry', async () => {
    const { conduct } = setup();
    const call = caller(
      createConductApp({ conduct: { store: conduct.store, engine: conduct.engine } }),
    );
    const created = await call('POST', '/relationships', {
      source_tool: { service_name: 'mcp', tool_name: 'search' },
      target_tool: lookup,
      kind: 'overlap',
    });
    expect(created.status).toBe(201);
    expect(created.body.source_tool).toEqual({
      creation_utc: expect.any(String),
      name: 'search',
      description: '',
      parameters: {},
      required: [],
    });
  });

  it('works with parlant-client 3.3.1', async () => {
    const { app, a, b } = await withGuidelines();
    const client = parlantClient(app);
    const created = await client.relationships.create(
      { sourceGuideline: a.id, targetGuideline: b.id, kind: 'entailment' },
      once,
    );
    expect(created.sourceGuideline?.id).toBe(a.id);
    const tools = await client.relationships.create(
      {
        sourceTool: { serviceName: 'orders', toolName: 'lookup_order' },
        targetTool: { serviceName: 'orders', toolName: 'refund_order' },
        kind: 'overlap',
      },
      once,
    );
    expect(tools.sourceTool?.required).toEqual(['order_id']);
    expect(await client.relationships.list({ guidelineId: a.id }, once)).toHaveLength(1);
    expect(await client.relationships.retrieve(created.id, once)).toEqual(created);
    await client.relationships.delete(created.id, once);
  });
});
