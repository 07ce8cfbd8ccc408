import { z } from 'zod';
import type { PreparedTemplate } from './render.js';

/** Output schema part carrying generative field values: `[{ name, value }]`. */
export const generatedFieldsSchema = z
  .array(z.object({ name: z.string(), value: z.string() }))
  .default([]);

/**
 * The generative values that fill `template`, keyed by placeholder path. Names may be given
 * with or without the `generative.` prefix; values for other fields, empty values and values
 * holding a placeholder are ignored (a model must not smuggle a template back in).
 */
export function generatedFor(
  template: PreparedTemplate,
  values: readonly { name: string; value: string }[],
): Map<string, string> {
  const result = new Map<string, string>();
  for (const { name, value } of values) {
    const path = name.startsWith('generative.') ? name : `generative.${name}`;
    const text = value.trim();
    if (!template.generative.includes(path) || text === '' || text.includes('{{')) continue;
    if (!result.has(path)) result.set(path, text);
  }
  return result;
}

/** Descriptions of a template's generative fields, for prompts (from its declared `fields`). */
export function describeGenerative(template: PreparedTemplate): string[] {
  return template.generative.map((path) => {
    const name = path.slice('generative.'.length);
    const field = template.response.fields.find((f) => f.name === path || f.name === name);
    const examples = field?.examples.length ? ` (e.g. ${field.examples.join('; ')})` : '';
    return `- ${name}: ${field?.description || 'write it from the conversation'}${examples}`;
  });
}

/** Generative placeholders of `template` still without a value. */
export function missingGenerated(
  template: PreparedTemplate,
  generated: ReadonlyMap<string, string>,
): string[] {
  return template.generative.filter((path) => !generated.has(path));
}
