import { describe, expect, it } from 'vitest';
import { withGuidelines } from './behavior-harness.js';

const lookup = { service_name: 'orders', tool_name: 'lookup_order' };

describe('/relationships bad input', () => {
  it('rejects bad input with 4xx and stores nothing', async () => {
    const { call, store, a, b, tag } = await withGuidelines();
    for (const bad of [
      { source_guideline: a.id, source_tag: tag.id, target_guideline: b.id, kind: 'entailment' },
      { source_guideline: a.id, target_guideline: b.id, target_tool: lookup, kind: 'entailment' },
      { target_guideline: b.id, kind: 'entailment' },
      { source_guideline: a.id, kind: 'entailment' },
      { source_guideline: a.id, target_guideline: a.id, kind: 'entailment' },
      { source_tag: tag.id, target_tag: tag.id, kind: 'priority' },
      { source_tool: lookup, target_tool: lookup, kind: 'overlap' },
      { source_guideline: a.id, target_guideline: b.id, kind: 'entails' },
      { source_guideline: a.id, target_guideline: b.id },
      { source_guideline: 5, target_guideline: b.id, kind: 'entailment' },
      { source_tool: 'orders:lookup_order', target_guideline: b.id, kind: 'reevaluation' },
    ]) {
      const response = await call('POST', '/relationships', bad);
      expect(response.status, JSON.stringify(bad)).toBe(422);
      expect(Array.isArray(response.body.detail)).toBe(true);
    }
    const same = await call('POST', '/relationships', {
      source_guideline: a.id,
      target_guideline: a.id,
      kind: 'entailment',
    });
    expect(same.body.detail[0].msg).toBe('source and target cannot be the same entity');
    for (const [body, detail] of [
      [{ source_guideline: 'ghost', target_guideline: b.id }, "Guideline not found (id='ghost')"],
      [{ source_tag: 'ghost', target_guideline: b.id }, "Tag not found (id='ghost')"],
      [{ source_tag: 'journey:ghost', target_guideline: b.id }, "Journey not found (id='ghost')"],
      [
        { source_tool: { service_name: 'orders', tool_name: 'ghost' }, target_guideline: b.id },
        "Tool not found (id='orders:ghost')",
      ],
    ] as const) {
      const response = await call('POST', '/relationships', { ...body, kind: 'entailment' });
      expect(response.status).toBe(404);
      expect(response.body.detail).toBe(detail);
    }
    expect((await call('POST', '/relationships', '[')).status).toBe(422);
    expect(await store.relationships.list()).toEqual([]);

    expect((await call('GET', '/relationships?kind=entails')).status).toBe(422);
    expect((await call('GET', '/relationships?tool_id=lookup')).status).toBe(422);
    expect((await call('GET', '/relationships?indirect=maybe')).status).toBe(422);
    expect((await call('GET', `/relationships?guideline_id=${a.id}&tag_id=${tag.id}`)).status).toBe(
      422,
    );
    expect((await call('GET', '/relationships/nope')).status).toBe(404);
    expect((await call('DELETE', '/relationships/nope')).status).toBe(404);
  });
});
