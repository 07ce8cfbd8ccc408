import { sameJson } from '../behavior/same-json.js';
import { parseTag } from '../domain/built-in-tags.js';
import type { ModelKind, StoredEntity, TrackedChange } from './change-tracker.js';
import type { RecordedDefinition } from './sync-recorder.js';

/** What a sync does to one entity. */
export type ModelChangeType = 'added' | 'changed' | 'removed';

/** One entity a sync added, changed or removed. */
export interface ModelChange {
  kind: ModelKind;
  id: string;
  change: ModelChangeType;
  /** What a person recognizes it by: a title, a name, a condition, a wording. */
  label: string;
}

/** What a sync did (or, dry, would do) to one agent's behavior model. */
export interface AgentSyncPlan {
  agentId: string;
  changes: ModelChange[];
  /** Advice on definitions, e.g. to give an id to what was replaced instead of updated. */
  hints: string[];
}

/** What a sync did, or with `dryRun` would do. */
export interface SyncPlan {
  /** True when nothing was written. */
  dryRun: boolean;
  /** One entry per agent the setup defined, in the order it defined them. */
  agents: AgentSyncPlan[];
  /**
   * Changes to entities of no synced agent: entities created over the API that a cascade
   * reached (a guideline scoped only to a removed journey, say).
   */
  others: ModelChange[];
}

const PLURALS: Record<ModelKind, [string, string]> = {
  agent: ['agent', 'agents'],
  guideline: ['guideline', 'guidelines'],
  journey: ['journey', 'journeys'],
  relationship: ['relationship', 'relationships'],
  term: ['term', 'terms'],
  variable: ['variable', 'variables'],
  cannedResponse: ['canned response', 'canned responses'],
  capability: ['capability', 'capabilities'],
  tag: ['tag', 'tags'],
};

/** The order kinds are listed in a plan's line. */
const KIND_ORDER = Object.keys(PLURALS) as ModelKind[];

function counted(kind: ModelKind, count: number): string {
  return `${count} ${PLURALS[kind][count === 1 ? 0 : 1]}`;
}

/**
 * The plan's one line for an agent, as the server logs it at start:
 * `voltmart-support: +2 guidelines, +1 journey; ~1 guideline changed; −1 term removed`.
 */
export function describeAgentPlan(plan: AgentSyncPlan): string {
  const groups = (['added', 'changed', 'removed'] as const).flatMap((type) => {
    const sign = { added: '+', changed: '~', removed: '−' }[type];
    const items = KIND_ORDER.flatMap((kind) => {
      const count = plan.changes.filter((c) => c.change === type && c.kind === kind).length;
      return count === 0 ? [] : [`${sign}${counted(kind, count)}`];
    }).join(', ');
    if (items === '') return [];
    return [type === 'added' ? items : `${items} ${type}`];
  });
  return `${plan.agentId}: ${groups.length === 0 ? 'no changes' : groups.join('; ')}`;
}

/** Builds the plan from what the sync's transaction wrote and what the setup defined. */
export function syncPlanOf(options: {
  changes: readonly TrackedChange[];
  definitions: readonly RecordedDefinition[];
  agents: readonly string[];
  dryRun: boolean;
}): SyncPlan {
  const plans = new Map<string, AgentSyncPlan>(
    options.agents.map((agentId) => [agentId, { agentId, changes: [], hints: [] }]),
  );
  const others: ModelChange[] = [];
  const guidelineAgents = new Map<string, string | undefined>(
    options.changes
      .filter((tracked) => tracked.kind === 'guideline')
      .map((tracked) => [tracked.id, agentOf(tracked)]),
  );
  for (const tracked of options.changes) {
    const change = changeOf(tracked);
    if (change === undefined) continue;
    const agentId = agentOf(tracked) ?? sourceAgentOf(tracked, guidelineAgents);
    const plan = agentId === undefined ? undefined : plans.get(agentId);
    (plan?.changes ?? others).push(change);
  }
  const identities = new Map(
    options.definitions.map((definition) => [
      `${definition.kind}:${definition.id}`,
      definition.identity,
    ]),
  );
  for (const plan of plans.values()) plan.hints = hintsFor(plan, identities);
  return { dryRun: options.dryRun, agents: [...plans.values()], others };
}

function changeOf(tracked: TrackedChange): ModelChange | undefined {
  const { kind, id, before, after } = tracked;
  if (before === undefined && after === undefined) return undefined;
  const label = labelOf(kind, (after ?? before) as StoredEntity);
  if (before === undefined) return { kind, id, change: 'added', label };
  if (after === undefined) return { kind, id, change: 'removed', label };
  return sameJson(content(before), content(after))
    ? undefined
    : { kind, id, change: 'changed', label };
}

/** What an entity says: ownership and creation time are not part of it. */
function content(entity: StoredEntity): Record<string, unknown> {
  const { createdAt: _createdAt, owner: _owner, ...rest } = entity;
  return rest;
}

/** The agent an entity belongs to: its owner, else the agent its tags scope it to. */
function agentOf(tracked: TrackedChange): string | undefined {
  const entity = (tracked.after ?? tracked.before) as StoredEntity;
  if (tracked.kind === 'agent') return entity.id;
  const owner = (entity.owner as { agentId?: string } | null | undefined)?.agentId;
  if (owner !== undefined) return owner;
  const tags = Array.isArray(entity.tags) ? (entity.tags as string[]) : [];
  for (const tag of tags) {
    const parsed = parseTag(tag);
    if (parsed?.kind === 'agent') return parsed.agentId;
  }
  return undefined;
}

/** A relationship without an owner belongs with its source guideline, when the sync touched it. */
function sourceAgentOf(
  tracked: TrackedChange,
  guidelineAgents: ReadonlyMap<string, string | undefined>,
): string | undefined {
  if (tracked.kind !== 'relationship') return undefined;
  const source = ((tracked.after ?? tracked.before) as StoredEntity).source as
    | { type: string; id: string }
    | undefined;
  return source?.type === 'guideline' ? guidelineAgents.get(source.id) : undefined;
}

function labelOf(kind: ModelKind, entity: StoredEntity): string {
  const text = (key: string) => (typeof entity[key] === 'string' ? (entity[key] as string) : '');
  let label: string;
  switch (kind) {
    case 'guideline':
      label = text('title') || text('condition');
      break;
    case 'journey':
    case 'capability':
      label = text('title');
      break;
    case 'cannedResponse':
      label = text('value');
      break;
    case 'relationship': {
      const { source, target } = entity as unknown as Record<string, { id: string }>;
      label = `${text('kind')} ${source?.id} → ${target?.id}`;
      break;
    }
    default:
      label = text('name');
  }
  const short = label || entity.id;
  return short.length > 80 ? `${short.slice(0, 79)}…` : short;
}

/**
 * Where definitions identified by their content were replaced (one removed, one added of the
 * same kind), the edit could have been an update in place: say how.
 */
function hintsFor(plan: AgentSyncPlan, identities: ReadonlyMap<string, string>): string[] {
  const hints: string[] = [];
  const kinds = new Set(plan.changes.map((change) => change.kind));
  for (const kind of kinds) {
    const ofKind = plan.changes.filter((change) => change.kind === kind);
    const replaced = ofKind.filter(
      (change) => change.change === 'added' && identities.get(`${kind}:${change.id}`) === 'content',
    );
    if (replaced.length === 0 || !ofKind.some((change) => change.change === 'removed')) continue;
    const what = PLURALS[kind][1];
    hints.push(
      `${plan.agentId}: ${what} without an id${kind === 'guideline' ? ' or title' : ''} are identified by their wording, so an edit shows as removed + added (${replaced.map((change) => `"${change.label}"`).join(', ')}): give them an \`id\` to update them in place`,
    );
  }
  return hints;
}
