import type {
  ContentBlockParam,
  MessageParam,
  TextBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import { ConfigurationError, type ModelMessage } from '@conduct/core';

/** One Anthropic conversation turn, before merging. */
export interface AnthropicTurn {
  role: 'user' | 'assistant';
  content: ContentBlockParam[];
}

/** A prompt in the Messages API's shape: the top-level `system` blocks and the turns. */
export interface AnthropicPrompt {
  system: TextBlockParam[];
  messages: MessageParam[];
}

/** Options of {@link toAnthropicPrompt}. */
export interface PromptMappingOptions {
  /** Put `cache_control` on the blocks that end a cacheable prefix. */
  promptCaching: boolean;
  /** Turns appended after `messages` (the tool-use repair exchange). */
  tail?: readonly AnthropicTurn[];
}

// Anthropic rejects requests with more than four `cache_control` blocks.
const MAX_CACHE_BREAKPOINTS = 4;

/**
 * Maps port messages to the Messages API: every `system` message becomes a text block of the
 * top-level `system` (in order), each other message one text block of its turn, and
 * consecutive same-role messages share one turn, since Anthropic wants alternating roles.
 * A message with `cacheBreakpoint: true` gets `cache_control: { type: 'ephemeral' }` on its
 * block, so tools + system + messages up to it are cached across calls.
 * Empty messages are left out (Anthropic rejects empty text blocks); a breakpoint on one moves
 * to the block before it.
 */
export function toAnthropicPrompt(
  messages: readonly ModelMessage[],
  options: PromptMappingOptions,
): AnthropicPrompt {
  const system: TextBlockParam[] = [];
  const turns: AnthropicTurn[] = [];
  const breakpoints = new Set<TextBlockParam>();
  let lastBlock: TextBlockParam | undefined;
  for (const message of messages) {
    if (message.content.trim() !== '') {
      const block: TextBlockParam = { type: 'text', text: message.content };
      if (message.role === 'system') system.push(block);
      else pushTurn(turns, { role: message.role, content: [block] });
      lastBlock = block;
    }
    if (message.cacheBreakpoint && lastBlock) breakpoints.add(lastBlock);
  }
  for (const turn of options.tail ?? []) pushTurn(turns, turn);
  if (turns.length === 0) {
    throw new ConfigurationError(
      'An Anthropic prompt needs at least one non-empty user or assistant message besides the system messages',
    );
  }
  if (options.promptCaching) {
    for (const block of [...breakpoints].slice(-MAX_CACHE_BREAKPOINTS)) {
      block.cache_control = { type: 'ephemeral' };
    }
  }
  trimFinalAssistantText(turns);
  return { system, messages: turns };
}

function pushTurn(turns: AnthropicTurn[], turn: AnthropicTurn): void {
  const last = turns.at(-1);
  if (last?.role === turn.role) last.content.push(...turn.content);
  else turns.push({ role: turn.role, content: [...turn.content] });
}

// A final assistant turn is a prefill, and Anthropic rejects one that ends with whitespace.
function trimFinalAssistantText(turns: AnthropicTurn[]): void {
  const last = turns.at(-1);
  const block = last?.role === 'assistant' ? last.content.at(-1) : undefined;
  if (block?.type === 'text') block.text = block.text.trimEnd();
}
