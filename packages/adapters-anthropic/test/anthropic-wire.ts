import type { FakeReply, RecordedRequest, SseEvent } from './fake-anthropic-server.js';

/** Usage as the Messages API reports it. */
export interface WireUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** A response content block. */
export type WireBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

export const MODEL_ID = 'claude-test-1';
/** The dated id the fake answers with, as the real API does for aliases. */
export const ANSWERING_MODEL = 'claude-test-1-20990101';

const DEFAULT_USAGE: WireUsage = {
  input_tokens: 20,
  output_tokens: 10,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
};

export const textBlock = (text: string): WireBlock => ({ type: 'text', text });
export const toolUseBlock = (name: string, input: unknown, id = 'toolu_01'): WireBlock => ({
  type: 'tool_use',
  id,
  name,
  input,
});

/** A non-streaming `type: 'message'` reply. */
export function messageReply(
  content: WireBlock[],
  options: { usage?: Partial<WireUsage>; stopReason?: string } = {},
): FakeReply {
  const stopReason =
    options.stopReason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
  return {
    type: 'json',
    body: {
      id: 'msg_01',
      type: 'message',
      role: 'assistant',
      model: ANSWERING_MODEL,
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { ...DEFAULT_USAGE, ...options.usage },
    },
  };
}

/** An error reply: `{ type: 'error', error: { type, message } }` with `status`. */
export function errorReply(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): FakeReply {
  return { type: 'json', status, headers, body: { type: 'error', error: { type, message } } };
}

/** The SSE events of a streamed text reply, up to the deltas (or all of them). */
export function textStreamEvents(
  chunks: readonly string[],
  options: {
    usage?: Partial<WireUsage>;
    finalOutputTokens?: number;
    complete?: boolean;
    /** Default `end_turn`. */
    stopReason?: string;
  } = {},
): SseEvent[] {
  const start: SseEvent[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          id: 'msg_01',
          type: 'message',
          role: 'assistant',
          model: ANSWERING_MODEL,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...DEFAULT_USAGE, output_tokens: 1, ...options.usage },
        },
      },
    },
    {
      event: 'content_block_start',
      data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    },
    { event: 'ping', data: { type: 'ping' } },
    ...chunks.map((text) => ({
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
    })),
  ];
  if (options.complete === false) return start;
  return [
    ...start,
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: options.stopReason ?? 'end_turn', stop_sequence: null },
        usage: { output_tokens: options.finalOutputTokens ?? chunks.length },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ];
}

/**
 * The reply whose output text is `text`: for a forced-tool request, a `tool_use` block when the
 * text is a JSON object (the tool's input), else a text block; for a streaming request, SSE.
 */
export function outputReply(request: RecordedRequest, text: string): FakeReply {
  if (request.body?.stream === true) return { type: 'sse', events: textStreamEvents([text]) };
  const tool: string | undefined = request.body?.tool_choice?.name;
  const input = tool === undefined ? undefined : parseObject(text);
  return messageReply(
    tool !== undefined && input !== undefined ? [toolUseBlock(tool, input)] : [textBlock(text)],
  );
}

function parseObject(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
