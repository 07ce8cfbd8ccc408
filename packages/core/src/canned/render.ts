import type { CannedResponse } from '../domain/canned-response.js';
import { isGenerativePath } from './field-namespaces.js';
import { type FieldSources, resolveField } from './field-sources.js';
import { parseTemplate, type TemplatePart } from './template.js';

/** A template with every non-generative field filled (generative ones still open). */
export interface PreparedTemplate {
  response: CannedResponse;
  parts: TemplatePart[];
  /** Filled text of each non-generative placeholder path. */
  filled: ReadonlyMap<string, string>;
  /** `generative.<name>` paths the model must write, in order. */
  generative: string[];
}

/** Why a template cannot be used this turn. */
export interface Unfillable {
  reason: string;
}

/**
 * Fills a template's non-generative fields and checks its `fieldDependencies`. A template
 * whose value does not parse, or with a field or dependency that cannot be filled, is
 * unfillable — and then never offered to the model.
 */
export function prepareTemplate(
  response: CannedResponse,
  sources: FieldSources,
): PreparedTemplate | Unfillable {
  const parsed = parseTemplate(response.value);
  if ('issues' in parsed) {
    return { reason: `invalid template: ${parsed.issues.map((i) => i.message).join('; ')}` };
  }
  const filled = new Map<string, string>();
  const generative: string[] = [];
  for (const path of [...parsed.fields, ...response.fieldDependencies]) {
    if (filled.has(path) || generative.includes(path)) continue;
    if (isGenerativePath(path)) {
      if (parsed.fields.includes(path)) generative.push(path);
      continue;
    }
    const value = resolveField(path, sources);
    if (!value.ok) {
      const dependency = parsed.fields.includes(path) ? 'field' : 'field dependency';
      return { reason: `${dependency} ${value.reason}` };
    }
    filled.set(path, value.text);
  }
  return { response, parts: parsed.parts, filled, generative };
}

/**
 * The template's text. Generative fields take their value from `generated`; a missing one is
 * shown as its placeholder (`{{generative.x}}`) when `open` is true (for prompts), otherwise
 * the result is `undefined`.
 */
export function renderPrepared(
  template: PreparedTemplate,
  generated: ReadonlyMap<string, string>,
  open = false,
): string | undefined {
  let text = '';
  for (const part of template.parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const value = template.filled.get(part.path) ?? generated.get(part.path);
    if (value !== undefined) text += value;
    else if (open) text += `{{${part.path}}}`;
    else return undefined;
  }
  return text;
}
