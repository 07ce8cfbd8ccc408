import type { Agent } from '../domain/agent.js';
import type { Customer } from '../domain/customer.js';
import type { Event } from '../domain/event.js';
import type { ToolInsight } from '../domain/turn-record.js';
import type { ToolOutcomeView, TurnContext, VariableView } from '../engine/turn-context.js';
import { isPlainObject } from '../tools/tool-result.js';
import { classifyField, type FieldRef, placeholderName } from './field-namespaces.js';

/** Everything non-generative template fields are filled from, for one turn. */
export interface FieldSources {
  agent: Agent;
  customer: Customer;
  /** `cannedResponseFields` of tool results, newest first. */
  toolFields: readonly Record<string, unknown>[];
  variables: readonly VariableView[];
  insights: readonly ToolInsight[];
}

/** A field's rendered text, or why it cannot be filled. */
export type FieldValue = { ok: true; text: string } | { ok: false; reason: string };

/** Collects the field sources of a turn: this turn's tool results first, then earlier turns'. */
export function fieldSourcesOf(context: TurnContext): FieldSources {
  return {
    agent: context.agent,
    customer: context.customer,
    toolFields: [
      ...[...context.toolOutcomes].reverse().flatMap(currentFields),
      ...[...context.history].reverse().flatMap(historyFields),
    ],
    variables: context.grounding.variables,
    insights: context.insights,
  };
}

/** Fills one non-generative placeholder (generative ones are reported as unfillable here). */
export function resolveField(path: string, sources: FieldSources): FieldValue {
  const ref = classifyField(path);
  if ('error' in ref) return { ok: false, reason: ref.error };
  return resolveRef(ref, path, sources);
}

function resolveRef(ref: FieldRef, path: string, sources: FieldSources): FieldValue {
  switch (ref.kind) {
    case 'customer':
      return textOf(path, sources.customer[ref.property]);
    case 'customer-metadata':
      return textOf(path, dig(sources.customer.metadata, [ref.key]));
    case 'agent':
      return textOf(path, sources.agent[ref.property]);
    case 'missing-params':
    case 'invalid-params':
      return textOf(path, paramNames(sources.insights, ref.kind));
    case 'variable': {
      const wanted = placeholderName(ref.name);
      const view = sources.variables.find(
        (candidate) =>
          candidate.variable.name === ref.name ||
          placeholderName(candidate.variable.name) === wanted,
      );
      if (view === undefined) return { ok: false, reason: `no variable named "${ref.name}"` };
      if (view.value === undefined) {
        return { ok: false, reason: `variable "${view.variable.name}" has no value here` };
      }
      return textOf(path, dig(view.value.data, ref.path));
    }
    case 'tool': {
      for (const fields of sources.toolFields) {
        if (!Object.hasOwn(fields, ref.name)) continue;
        return textOf(path, dig(fields[ref.name], ref.path));
      }
      return { ok: false, reason: `no tool result provided the field "${ref.name}"` };
    }
    case 'generative':
      return { ok: false, reason: `"${path}" is written by the model` };
  }
}

function paramNames(insights: readonly ToolInsight[], kind: 'missing-params' | 'invalid-params') {
  const wanted = kind === 'missing-params' ? 'missing-argument' : 'invalid-argument';
  const names = insights.flatMap((insight) =>
    insight.kind === wanted && insight.parameter !== null ? [insight.parameter] : [],
  );
  return [...new Set(names)];
}

function dig(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else if (isPlainObject(current) && Object.hasOwn(current, key)) current = current[key];
    else return undefined;
  }
  return current;
}

/**
 * Text of a value: strings as they are, finite numbers and booleans printed, dates as ISO text
 * (what they become once a tool event is stored as JSON, so a field reads the same in later
 * turns), lists of those joined by ", ". Empty values, NaN, infinities, invalid dates and
 * objects cannot fill a field (an object would print as JSON).
 */
function textOf(path: string, value: unknown): FieldValue {
  if (value === undefined || value === null) return { ok: false, reason: `"${path}" is empty` };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { ok: false, reason: `"${path}" is an invalid date` }
      : ok(value.toISOString());
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { ok: false, reason: `"${path}" is not a finite number (${value})` };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { ok: false, reason: `"${path}" is an empty list` };
    const items = value.map((item) => textOf(path, item));
    const bad = items.find((item) => !item.ok);
    if (bad !== undefined) return bad;
    return { ok: true, text: items.map((item) => (item.ok ? item.text : '')).join(', ') };
  }
  if (typeof value === 'string') {
    return value.trim() === '' ? { ok: false, reason: `"${path}" is empty` } : ok(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return ok(String(value));
  }
  return {
    ok: false,
    reason: `"${path}" is an object; name one of its properties (e.g. ${path}.id)`,
  };
}

function ok(text: string): FieldValue {
  return { ok: true, text };
}

function currentFields(outcome: ToolOutcomeView): Record<string, unknown>[] {
  const fields = outcome.cannedResponseFields;
  return outcome.status === 'succeeded' && fields !== undefined ? [fields] : [];
}

function historyFields(event: Event): Record<string, unknown>[] {
  if (event.kind !== 'tool' || event.deleted) return [];
  // Results with a `response` lifespan only served the reply they were fetched for.
  return [...event.data.tool_calls]
    .reverse()
    .filter((call) => call.result.control.lifespan !== 'response')
    .map((call) => call.result.canned_response_fields);
}
