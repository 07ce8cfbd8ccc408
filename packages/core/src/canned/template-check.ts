import type { CannedResponseField } from '../domain/canned-response.js';
import { ValidationError } from '../errors/errors.js';
import { classifyField } from './field-namespaces.js';
import { parseTemplate, pathProblem } from './template.js';

/** What {@link cannedResponseIssues} checks: the authored parts of a canned response. */
export interface CannedResponseDraft {
  value: string;
  fields?: readonly CannedResponseField[];
  fieldDependencies?: readonly string[];
}

/** One problem of a canned response, naming the part it is about. */
export interface CannedResponseIssue {
  /** `value`, `fields` or `field_dependencies`. */
  part: 'value' | 'fields' | 'fieldDependencies';
  message: string;
}

/**
 * Checks a canned response as authored:
 * - the template parses (closed `{{ }}`, well-formed names, no `{% %}` blocks);
 * - every `std.` / `generative.` placeholder and dependency is a known field;
 * - declared `fields` have distinct names;
 * - when fields are declared at all, every tool-field and generative placeholder must be among
 *   them, so a typo in a placeholder is caught. With no declared fields (the Parlant SDK style)
 *   placeholders are taken as they are. A declared field the template does not use is allowed
 *   (it may describe a field dependency, and clients edit `value` and `fields` separately).
 */
export function cannedResponseIssues(draft: CannedResponseDraft): CannedResponseIssue[] {
  const issues: CannedResponseIssue[] = [];
  const parsed = parseTemplate(draft.value);
  if ('issues' in parsed) {
    return parsed.issues.map((issue) => ({ part: 'value', message: issue.message }));
  }
  for (const path of parsed.fields) {
    const ref = classifyField(path);
    if ('error' in ref) issues.push({ part: 'value', message: ref.error });
  }
  for (const path of draft.fieldDependencies ?? []) {
    const problem = pathProblem(path);
    const ref = problem === undefined ? classifyField(path) : { error: problem };
    if ('error' in ref) {
      issues.push({ part: 'fieldDependencies', message: `"${path}": ${ref.error}` });
    }
  }
  const declared = (draft.fields ?? []).map((field) => field.name);
  const duplicates = declared.filter((name, index) => declared.indexOf(name) !== index);
  for (const name of new Set(duplicates)) {
    issues.push({ part: 'fields', message: `field "${name}" is declared more than once` });
  }
  if (declared.length === 0) return issues;
  const needsDeclaring = parsed.fields.filter((path) => !path.startsWith('std.'));
  for (const path of needsDeclaring) {
    const [head = path, second = path] = path.split('.');
    const short = head === 'generative' ? second : head;
    if (!declared.includes(path) && !declared.includes(short)) {
      issues.push({
        part: 'value',
        message: `placeholder "{{${path}}}" is not among the declared fields (${declared.join(', ')})`,
      });
    }
  }
  return issues;
}

/** Throws a `ValidationError` listing every issue of the canned response, if it has any. */
export function assertValidCannedResponse(draft: CannedResponseDraft): void {
  const issues = cannedResponseIssues(draft);
  if (issues.length === 0) return;
  throw new ValidationError(
    `Invalid canned response "${draft.value}": ${issues.map((issue) => issue.message).join('; ')}`,
    issues.map((issue) => ({ path: [issue.part], message: issue.message, type: 'value_error' })),
  );
}
