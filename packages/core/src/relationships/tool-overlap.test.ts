import { describe, expect, it } from 'vitest';
import { relation, seededRandom, shuffled } from './test-fixtures.js';
import { groupOverlappingTools } from './tool-overlap.js';

const overlap = (id: string, a: string, b: string) =>
  relation(id, `tool:${a}`, 'overlaps', `tool:${b}`);

describe('groupOverlappingTools', () => {
  const cases = [
    {
      name: 'no relationships: every tool alone',
      tools: ['s:b', 's:a'],
      rels: [],
      groups: [['s:a'], ['s:b']],
    },
    {
      name: 'a direct overlap joins two tools',
      tools: ['s:a', 's:b', 's:c'],
      rels: [overlap('o1', 's:c', 's:a')],
      groups: [['s:a', 's:c'], ['s:b']],
    },
    {
      name: 'overlap is transitive',
      tools: ['s:a', 's:b', 's:c', 's:d'],
      rels: [overlap('o1', 's:a', 's:b'), overlap('o2', 's:b', 's:c')],
      groups: [['s:a', 's:b', 's:c'], ['s:d']],
    },
    {
      name: 'transitive through a tool not in the list',
      tools: ['s:a', 's:c'],
      rels: [overlap('o1', 's:a', 's:hidden'), overlap('o2', 's:hidden', 's:c')],
      groups: [['s:a', 's:c']],
    },
    {
      name: 'cycles and duplicates are harmless',
      tools: ['s:a', 's:b', 's:a'],
      rels: [overlap('o1', 's:a', 's:b'), overlap('o2', 's:b', 's:a'), overlap('o3', 's:a', 's:b')],
      groups: [['s:a', 's:b']],
    },
    {
      name: 'other kinds and non-tool endpoints are ignored',
      tools: ['s:a', 's:b'],
      rels: [
        relation('r1', 'tool:s:a', 'entails', 'tool:s:b'),
        relation('r2', 'g:x', 'overlaps', 'tool:s:b'),
      ],
      groups: [['s:a'], ['s:b']],
    },
  ];

  it.each(cases)('$name', ({ tools, rels, groups }) => {
    expect(groupOverlappingTools(tools, rels)).toEqual(groups);
  });

  it('ignores input order', () => {
    const tools = Array.from({ length: 12 }, (_, n) => `svc:t${n}`);
    const rels = [
      overlap('o1', 'svc:t1', 'svc:t7'),
      overlap('o2', 'svc:t7', 'svc:t3'),
      overlap('o3', 'svc:t10', 'svc:t2'),
    ];
    const expected = groupOverlappingTools(tools, rels);
    const random = seededRandom(42);
    for (let run = 0; run < 20; run++) {
      expect(groupOverlappingTools(shuffled(tools, random), shuffled(rels, random))).toEqual(
        expected,
      );
    }
    expect(expected).toContainEqual(['svc:t1', 'svc:t3', 'svc:t7']);
  });
});
