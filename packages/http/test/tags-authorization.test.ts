import { createConduct, createMemoryStore } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { type AuthPolicy, createConductApp, deny } from '../src/index.js';
import { caller } from './behavior-harness.js';

// Each behavior-model route with the operation the reference authorizes it as
// (docs/compatibility.md#authorization).
const ROUTES: [method: string, path: string, operation: string][] = [
  ['POST', '/tags', 'CREATE_TAG'],
  ['GET', '/tags', 'LIST_TAGS'],
  ['GET', '/tags/t', 'READ_TAG'],
  ['PATCH', '/tags/t', 'UPDATE_TAG'],
  ['DELETE', '/tags/t', 'DELETE_TAG'],
  ['POST', '/terms', 'CREATE_TERM'],
  ['GET', '/terms', 'LIST_TERMS'],
  ['GET', '/terms/t', 'READ_TERM'],
  ['PATCH', '/terms/t', 'UPDATE_TERM'],
  ['DELETE', '/terms/t', 'DELETE_TERM'],
  ['POST', '/guidelines', 'CREATE_GUIDELINE'],
  ['GET', '/guidelines', 'LIST_GUIDELINES'],
  ['GET', '/guidelines/g', 'READ_GUIDELINE'],
  ['PATCH', '/guidelines/g', 'UPDATE_GUIDELINE'],
  ['DELETE', '/guidelines/g', 'DELETE_GUIDELINE'],
  ['POST', '/journeys', 'CREATE_JOURNEY'],
  ['GET', '/journeys', 'LIST_JOURNEYS'],
  ['GET', '/journeys/j', 'READ_JOURNEY'],
  ['GET', '/journeys/j/mermaid', 'READ_JOURNEY'],
  ['PATCH', '/journeys/j', 'UPDATE_JOURNEY'],
  ['DELETE', '/journeys/j', 'DELETE_JOURNEY'],
  ['POST', '/context-variables', 'CREATE_CONTEXT_VARIABLE'],
  ['GET', '/context-variables', 'LIST_CONTEXT_VARIABLES'],
  ['DELETE', '/context-variables', 'DELETE_CONTEXT_VARIABLES'],
  ['GET', '/context-variables/v', 'READ_CONTEXT_VARIABLE'],
  ['PATCH', '/context-variables/v', 'UPDATE_CONTEXT_VARIABLE'],
  ['DELETE', '/context-variables/v', 'DELETE_CONTEXT_VARIABLE'],
  ['GET', '/context-variables/v/k', 'READ_CONTEXT_VARIABLE_VALUE'],
  ['PUT', '/context-variables/v/k', 'UPDATE_CONTEXT_VARIABLE_VALUE'],
  ['DELETE', '/context-variables/v/k', 'DELETE_CONTEXT_VARIABLE_VALUE'],
  ['POST', '/canned_responses', 'CREATE_CANNED_RESPONSE'],
  ['GET', '/canned_responses', 'LIST_CANNED_RESPONSES'],
  ['GET', '/canned_responses/r', 'READ_CANNED_RESPONSE'],
  ['PATCH', '/canned_responses/r', 'UPDATE_CANNED_RESPONSE'],
  ['DELETE', '/canned_responses/r', 'DELETE_CANNED_RESPONSE'],
  ['POST', '/relationships', 'CREATE_RELATIONSHIP'],
  ['GET', '/relationships', 'LIST_RELATIONSHIPS'],
  ['GET', '/relationships/r', 'READ_RELATIONSHIP'],
  ['DELETE', '/relationships/r', 'DELETE_RELATIONSHIP'],
  ['POST', '/capabilities', 'CREATE_CAPABILITY'],
  ['GET', '/capabilities', 'LIST_CAPABILITIES'],
  ['GET', '/capabilities/c', 'READ_CAPABILITY'],
  ['PATCH', '/capabilities/c', 'UPDATE_CAPABILITY'],
  ['DELETE', '/capabilities/c', 'DELETE_CAPABILITY'],
  ['GET', '/services', 'LIST_SERVICES'],
  ['GET', '/services/s', 'READ_SERVICE'],
  ['PUT', '/services/s', 'UPDATE_SERVICE'],
  ['DELETE', '/services/s', 'DELETE_SERVICE'],
  ['POST', '/evaluations', 'CREATE_EVALUATION'],
  ['GET', '/evaluations/e', 'READ_EVALUATION'],
];

describe('authorization of the behavior-model routes', () => {
  it('asks the policy first, with the reference operation name, and stores nothing on 403', async () => {
    const asked: string[] = [];
    const auth: AuthPolicy = {
      authorize: (_c, operation) => {
        asked.push(operation);
        deny(operation);
      },
    };
    const conduct = createConduct({
      store: createMemoryStore(),
      model: createScriptedModel(),
      strategies: [keywordStrategy()],
    });
    const call = caller(createConductApp({ conduct, auth }));
    for (const [method, path, operation] of ROUTES) {
      const body = method === 'GET' || method === 'DELETE' ? undefined : { name: 'x', data: 1 };
      const response = await call(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.detail).toBe(`Authorization failed: OPERATION=${operation}`);
      expect(asked.at(-1)).toBe(operation);
    }
    expect(await conduct.store.tags.list()).toEqual([]);
  });
});
