import { type Case, target } from './case-kit.js';
import { guideline, journey, relation } from './test-fixtures.js';

/** Table rows for `disambiguates` and `reevaluate-after` hand-offs. */
export const handOffCases: Case[] = [
  // disambiguates
  {
    name: 'disambiguates hands plausible targets to the matcher',
    guidelines: [
      guideline('unclear'),
      guideline('refund', { tags: ['returns'] }),
      guideline('exchange', { tags: ['returns'] }),
      guideline('repair'),
      guideline('off', { enabled: false }),
    ],
    journeys: [journey('ret')],
    relationships: [
      relation('d1', 'g:unclear', 'disambiguates', 't:returns'),
      relation('d2', 'g:unclear', 'disambiguates', 'g:off'),
      relation('d3', 'g:unclear', 'disambiguates', 'j:ret'),
    ],
    matched: ['unclear'],
    expected: ['unclear'],
    disambiguations: [
      {
        sourceGuidelineId: 'unclear',
        targets: [
          target('guideline', 'exchange'),
          target('guideline', 'refund'),
          target('journey', 'ret'),
        ],
        relationshipIds: ['d1', 'd3'],
      },
    ],
  },
  {
    name: 'disambiguates ignores targets that could not survive',
    guidelines: [
      guideline('unclear'),
      guideline('boss'),
      guideline('refund'),
      guideline('exchange'),
      guideline('step', { tags: ['journey:ret'] }),
      guideline('needy'),
    ],
    journeys: [journey('ret')],
    relationships: [
      relation('d1', 'g:unclear', 'disambiguates', 'g:refund'),
      relation('d2', 'g:unclear', 'disambiguates', 'g:exchange'),
      relation('d3', 'g:unclear', 'disambiguates', 'g:step'),
      relation('d4', 'g:unclear', 'disambiguates', 'g:needy'),
      relation('o1', 'g:boss', 'overrides', 'g:exchange'),
      relation('q1', 'g:needy', 'requires', 'g:nothing-active'),
      relation('q2', 'g:needy', 'requires', 'g:exchange'),
    ],
    matched: ['unclear', 'boss'],
    expected: ['unclear', 'boss'],
    disambiguations: [],
  },
  {
    name: 'disambiguates counts active targets and candidates alike',
    guidelines: [
      guideline('unclear', { tags: ['obs'] }),
      guideline('refund'),
      guideline('exchange'),
    ],
    relationships: [
      relation('d1', 't:obs', 'disambiguates', 'g:refund'),
      relation('d2', 't:obs', 'disambiguates', 'g:exchange'),
    ],
    matched: ['unclear', 'refund'],
    expected: ['unclear', 'refund'],
    disambiguations: [
      {
        sourceGuidelineId: 'unclear',
        targets: [target('guideline', 'exchange'), target('guideline', 'refund')],
        relationshipIds: ['d1', 'd2'],
      },
    ],
  },
  {
    name: 'disambiguates needs an active source',
    guidelines: [guideline('unclear'), guideline('refund'), guideline('exchange')],
    relationships: [
      relation('d1', 'g:unclear', 'disambiguates', 'g:refund'),
      relation('d2', 'g:unclear', 'disambiguates', 'g:exchange'),
    ],
    matched: ['refund'],
    expected: ['refund'],
    disambiguations: [],
  },
  // reevaluate-after
  {
    name: 'reevaluate-after maps tools to candidate guidelines',
    guidelines: [
      guideline('a'),
      guideline('b', { tags: ['orders'] }),
      guideline('c', { tags: ['orders'] }),
      guideline('d', { tags: ['orders'], enabled: false }),
      guideline('step', { tags: ['journey:ret'] }),
    ],
    journeys: [journey('ret')],
    relationships: [
      relation('v1', 'g:a', 'reevaluate-after', 'tool:local:lookup'),
      relation('v2', 't:orders', 'reevaluate-after', 'tool:local:lookup'),
      relation('v3', 'j:ret', 'reevaluate-after', 'tool:local:refund'),
      relation('v4', 'g:ghost', 'reevaluate-after', 'tool:local:refund'),
      relation('v5', 'g:a', 'reevaluate-after', 'g:b'),
    ],
    matched: [],
    expected: [],
    reevaluate: { 'local:lookup': ['a', 'b', 'c'], 'local:refund': ['step'] },
  },
];
