import type { TurnGrounding } from '../engine/turn-context.js';
import type { PromptSection } from '../prompt/prompt-builder.js';

/** Longest retrieved result (characters) shown in a prompt before it is cut. */
const MAX_RETRIEVED_CHARS = 4_000;

/** `<glossary>`: the relevant terms (skipped when there are none). */
export function glossarySection(grounding: TurnGrounding): PromptSection {
  return { name: 'glossary', kind: 'dynamic', content: glossaryLines(grounding) };
}

/** `<variables>`: the customer's variable values (skipped when there are none). */
export function variablesSection(grounding: TurnGrounding): PromptSection {
  return { name: 'variables', kind: 'dynamic', content: variableLines(grounding) };
}

/** `<capabilities>`: the relevant capabilities (skipped when there are none). */
export function capabilitiesSection(grounding: TurnGrounding): PromptSection {
  return { name: 'capabilities', kind: 'dynamic', content: capabilityLines(grounding) };
}

/** `<retrieved-data>`: what the retrievers found (skipped when nothing). */
export function retrievedDataSection(grounding: TurnGrounding): PromptSection {
  return { name: 'retrieved-data', kind: 'dynamic', content: retrievedLines(grounding) };
}

/** `- Name (also: a, b): description` per relevant term. */
export function glossaryLines(grounding: TurnGrounding): string[] {
  return grounding.terms.map((term) => {
    const synonyms = term.synonyms.length > 0 ? ` (also: ${term.synonyms.join(', ')})` : '';
    return `- ${term.name}${synonyms}: ${term.description}`;
  });
}

/** `- name: value` per variable with a value for this customer (with its description). */
export function variableLines(grounding: TurnGrounding): string[] {
  return grounding.variables.flatMap(({ variable, value }) =>
    value === undefined
      ? []
      : [
          `- ${variable.name}${variable.description ? ` (${variable.description})` : ''}: ${dataText(value.data, 1_000)}`,
        ],
  );
}

/** `- Title: description` per relevant capability. */
export function capabilityLines(grounding: TurnGrounding): string[] {
  return grounding.capabilities.map(
    (capability) =>
      `- ${capability.title}${capability.description ? `: ${capability.description}` : ''}`,
  );
}

/** One block per retriever that found something. */
export function retrievedLines(grounding: TurnGrounding): string[] {
  return grounding.retrieved.flatMap((entry) =>
    entry.data === undefined || entry.data === null
      ? []
      : [
          `From ${entry.retriever}${entry.description ? ` (${entry.description})` : ''}:`,
          dataText(entry.data, MAX_RETRIEVED_CHARS),
        ],
  );
}

function dataText(data: unknown, maxChars: number): string {
  const text = typeof data === 'string' ? data : (safeJson(data) ?? String(data));
  return text.length <= maxChars
    ? text
    : `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)`;
}

function safeJson(data: unknown): string | undefined {
  try {
    return JSON.stringify(data);
  } catch {
    return undefined;
  }
}
