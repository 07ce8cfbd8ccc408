/**
 * What a placeholder path refers to. The namespaces follow the Parlant template conventions:
 *
 * | placeholder | filled from |
 * |---|---|
 * | `{{name}}`, `{{name.sub.path}}` | `cannedResponseFields` of this turn's tool results (newest first), then of earlier turns' tool events |
 * | `{{std.customer.name}}`, `{{std.customer.id}}`, `{{std.customer.metadata.<key>}}` | the session's customer |
 * | `{{std.agent.name}}`, `{{std.agent.id}}` | the agent |
 * | `{{std.variables.<name>}}` (`.sub.path` allowed) | the context variable's value for this customer |
 * | `{{std.missing_params}}`, `{{std.invalid_params}}` | arguments a tool still needs / got wrong this turn |
 * | `{{generative.<name>}}` | written by the model, only for the template it chose |
 */
export type FieldRef =
  | { kind: 'tool'; name: string; path: string[] }
  | { kind: 'customer'; property: 'name' | 'id' }
  | { kind: 'customer-metadata'; key: string }
  | { kind: 'agent'; property: 'name' | 'id' }
  | { kind: 'variable'; name: string; path: string[] }
  | { kind: 'missing-params' }
  | { kind: 'invalid-params' }
  | { kind: 'generative'; name: string };

/** Classifies a (well-formed) placeholder path; `{ error }` for an unknown `std.` or `generative.` path. */
export function classifyField(path: string): FieldRef | { error: string } {
  const [head = '', ...rest] = path.split('.');
  if (head === 'generative') {
    const [name] = rest;
    if (name === undefined || rest.length !== 1) {
      return { error: `"{{${path}}}": generative fields are named "generative.<name>"` };
    }
    return { kind: 'generative', name };
  }
  if (head !== 'std') {
    return { kind: 'tool', name: head, path: rest };
  }
  const [scope, first, ...more] = rest;
  if (scope === 'customer' && (first === 'name' || first === 'id') && more.length === 0) {
    return { kind: 'customer', property: first };
  }
  if (scope === 'customer' && first === 'metadata' && more.length === 1 && more[0]) {
    return { kind: 'customer-metadata', key: more[0] };
  }
  if (scope === 'agent' && (first === 'name' || first === 'id') && more.length === 0) {
    return { kind: 'agent', property: first };
  }
  if (scope === 'variables' && first !== undefined) {
    return { kind: 'variable', name: first, path: more };
  }
  if (scope === 'missing_params' && first === undefined) return { kind: 'missing-params' };
  if (scope === 'invalid_params' && first === undefined) return { kind: 'invalid-params' };
  return {
    error: `"{{${path}}}" is not a known std field (std.customer.name, std.customer.id, std.customer.metadata.<key>, std.agent.name, std.agent.id, std.variables.<name>, std.missing_params, std.invalid_params)`,
  };
}

/** True for `generative.<name>` paths. */
export function isGenerativePath(path: string): boolean {
  return path.startsWith('generative.');
}

/** Name used to match a variable from a placeholder: lower case, non-alphanumerics as `_`. */
export function placeholderName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
