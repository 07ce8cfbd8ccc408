import { loadTokenizer } from '@conduct/core';
import { createScriptedModel } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { conversationFor } from '../src/conversation-cache.js';
import { turnContext } from './fixtures.js';

describe('the conversation window shared by the matching tasks of a turn', () => {
  it('shows the preamble once the turn sent it (the response analysis runs after matching)', async () => {
    await loadTokenizer();
    const context = turnContext({
      model: createScriptedModel(),
      conversation: ['Customer: When do you open?'],
    });
    expect(conversationFor(context, 3_000).lines).toEqual(['Customer (Dana): When do you open?']);
    context.preamble = 'Let me check that for you.';
    expect(conversationFor(context, 3_000).lines).toEqual([
      'Customer (Dana): When do you open?',
      'Agent (holding message): Let me check that for you.',
    ]);
  });
});
