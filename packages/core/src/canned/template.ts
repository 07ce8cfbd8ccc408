/**
 * Canned-response templates: approved text with `{{field}}` placeholders, e.g.
 * `Hi {{std.customer.name}}, order {{order.id}} ships on {{generative.delivery_phrase}}.`
 *
 * Placeholders name a dotted path; whitespace inside the braces is ignored. There are no control
 * blocks (`{% … %}`): a template is wording, not a program.
 */

/** One piece of a parsed template: literal text or a `{{path}}` placeholder. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'field'; path: string };

/** A problem found in a template, with a message that names the offending placeholder. */
export interface TemplateIssue {
  message: string;
}

/** A successfully parsed template. */
export interface ParsedTemplate {
  parts: TemplatePart[];
  /** Distinct placeholder paths, in order of first appearance. */
  fields: string[];
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Parses a template. Returns the issues instead of throwing so callers can report every
 * problem at once (HTTP 422, `ValidationError`).
 */
export function parseTemplate(value: string): ParsedTemplate | { issues: TemplateIssue[] } {
  const parts: TemplatePart[] = [];
  const issues: TemplateIssue[] = [];
  let rest = value;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    const block = rest.indexOf('{%');
    if (block !== -1 && (open === -1 || block < open)) {
      issues.push({
        message: `control blocks ("{% … %}") are not supported in templates; found at "${excerpt(rest.slice(block))}"`,
      });
      parts.push({ kind: 'text', text: rest.slice(0, block + 2) });
      rest = rest.slice(block + 2);
      continue;
    }
    if (open === -1) {
      parts.push({ kind: 'text', text: rest });
      break;
    }
    if (open > 0) parts.push({ kind: 'text', text: rest.slice(0, open) });
    const close = rest.indexOf('}}', open + 2);
    const nextOpen = rest.indexOf('{{', open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      issues.push({ message: `unclosed placeholder at "${excerpt(rest.slice(open))}"` });
      rest = rest.slice(open + 2);
      continue;
    }
    const path = rest.slice(open + 2, close).trim();
    const problem = pathProblem(path);
    if (problem === undefined) parts.push({ kind: 'field', path });
    else issues.push({ message: `invalid placeholder "{{${path}}}": ${problem}` });
    rest = rest.slice(close + 2);
  }
  if (issues.length > 0) return { issues };
  const fields = [...new Set(parts.flatMap((part) => (part.kind === 'field' ? [part.path] : [])))];
  return { parts, fields };
}

/** Why a placeholder path is malformed, or `undefined` when it is fine. */
export function pathProblem(path: string): string | undefined {
  if (path === '') return 'the field name is empty';
  const segments = path.split('.');
  if (segments.some((segment) => !SEGMENT.test(segment))) {
    return 'use names of letters, digits, "_" and "-", joined by "." (e.g. order.id)';
  }
  return undefined;
}

function excerpt(text: string): string {
  return text.length <= 24 ? text : `${text.slice(0, 24)}…`;
}
