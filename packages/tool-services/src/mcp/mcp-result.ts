import type { ToolResult } from '@conduct/core';

/** The parts of an MCP `tools/call` result this package reads. */
export interface McpCallResult {
  content?: unknown[];
  structuredContent?: unknown;
  isError?: boolean;
}

interface ContentBlock {
  type?: unknown;
  text?: unknown;
  mimeType?: unknown;
  uri?: unknown;
  resource?: { uri?: unknown; text?: unknown; mimeType?: unknown };
}

/** A text block that holds JSON is read as that JSON, so the model sees structured data. */
function readText(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return text;
  }
}

// Binary blocks (images, audio) are described, not inlined: a model prompt is no place for base64.
function readBlock(block: ContentBlock): unknown {
  if (block.type === 'text' && typeof block.text === 'string') return readText(block.text);
  if (block.type === 'resource' && typeof block.resource?.text === 'string') {
    return { uri: block.resource.uri, text: block.resource.text };
  }
  return { type: block.type, mimeType: block.mimeType, uri: block.uri ?? block.resource?.uri };
}

/** Plain text of an error result, for the failure message. */
function errorText(result: McpCallResult): string {
  const texts = (result.content ?? [])
    .map((block) => (block as ContentBlock).text)
    .filter((text): text is string => typeof text === 'string');
  return texts.join('\n') || 'the MCP tool reported an error';
}

/**
 * The tool result of an MCP call: `structuredContent` when the server sent it, else the content
 * blocks (one block as itself, several as a list). An `isError` result throws, failing the call
 * with the server's message.
 */
export function toToolResult(result: McpCallResult): ToolResult {
  if (result.isError === true) throw new Error(errorText(result));
  if (result.structuredContent !== undefined) return { data: result.structuredContent };
  const blocks = (result.content ?? []).map((block) => readBlock(block as ContentBlock));
  return { data: blocks.length === 1 ? blocks[0] : blocks };
}
