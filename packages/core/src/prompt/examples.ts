import { formatNumberedList } from './format-list.js';
import type { PromptSection } from './prompt-builder.js';

/**
 * One labelled part of a worked example: `text` on the label's line (`Reply just sent: …`),
 * `lines` under it (a conversation), or `items` under it as a numbered list, the way the task
 * numbers its real items.
 */
export type ExampleField =
  | { label: string; text: string }
  | { label: string; lines: readonly string[] }
  | { label: string; items: readonly string[] };

/** A worked example shown to a model: what it is given, then the answer it should give. */
export interface PromptExample {
  /** What the model is given, in order. */
  fields: readonly ExampleField[];
  /** The answer, exactly in the task's output schema; shown as JSON. */
  answer: unknown;
}

/**
 * One example as every narrow task shows it:
 *
 * ```text
 * Example 1
 * Conversation:
 * Customer (Lee): …
 * Items:
 * 1. …
 * Answer: {"applies":[…]}
 * ```
 */
export function renderExample(example: PromptExample, index: number): string {
  return [
    `Example ${index + 1}`,
    ...example.fields.map(renderField),
    `Answer: ${JSON.stringify(example.answer)}`,
  ].join('\n');
}

/** The static `examples` section of a narrow task's prompt (skipped when there are none). */
export function examplesSection(examples: readonly PromptExample[]): PromptSection {
  return { name: 'examples', kind: 'static', content: examples.map(renderExample) };
}

function renderField(field: ExampleField): string {
  if ('text' in field) return `${field.label}: ${field.text}`;
  const body = 'lines' in field ? field.lines.join('\n') : formatNumberedList(field.items);
  return `${field.label}:\n${body}`;
}
