// Models wrap JSON in code fences or prose often enough that every adapter needs this; the
// candidates come best-first so the caller can take the first one that parses and validates.
const FENCE = /```[ \t]*(?:json5?|jsonc)?[ \t]*\r?\n?([\s\S]*?)```/gi;
const MAX_CANDIDATES = 20;

/**
 * Every substring of `text` that may hold the JSON the model meant, best first: the whole
 * (trimmed) text, the body of each ```` ``` ```` / ```` ```json ```` fence, then each balanced
 * top-level `{…}` or `[…]` found in the surrounding prose. Duplicates are removed.
 */
export function extractJsonCandidates(text: string): string[] {
  const candidates = new Set<string>();
  const add = (candidate: string) => {
    const trimmed = candidate.trim();
    if (trimmed !== '' && candidates.size < MAX_CANDIDATES) candidates.add(trimmed);
  };

  add(text);
  for (const match of text.matchAll(FENCE)) add(match[1] ?? '');
  for (const span of balancedSpans(text)) add(span);
  return [...candidates];
}

/** `JSON.parse` without throwing. */
export function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Top-level balanced `{…}` / `[…]` spans, skipping brackets inside JSON strings. */
function balancedSpans(text: string): string[] {
  const spans: string[] = [];
  let index = 0;
  while (index < text.length && spans.length < MAX_CANDIDATES) {
    const char = text[index];
    if (char !== '{' && char !== '[') {
      index++;
      continue;
    }
    const end = findClose(text, index);
    if (end === -1) {
      index++;
      continue;
    }
    spans.push(text.slice(index, end + 1));
    index = end + 1;
  }
  return spans;
}

function findClose(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') stack.push('}');
    else if (char === '[') stack.push(']');
    else if (char === '}' || char === ']') {
      if (stack.pop() !== char) return -1;
      if (stack.length === 0) return index;
    }
  }
  return -1;
}
