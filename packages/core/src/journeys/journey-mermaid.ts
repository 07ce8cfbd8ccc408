import type { Journey, JourneyState } from '../domain/journey.js';

const NORMAL_STYLE = 'fill:#006e53,stroke:#ffffff,stroke-width:2px,color:#ffffff';
const TOOL_STYLE = 'fill:#ffeeaa,stroke:#ffeeaa,stroke-width:2px,color:#dd6600';

// Mermaid ends a statement at a newline or `;`, so labels must hold neither.
function clean(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/;/g, '#59;').trim();
}

function labelOf(state: JourneyState): string {
  switch (state.type) {
    case 'chat':
      return clean(state.instruction);
    case 'tool': {
      const tools = `Run ${state.tools.join(', ')}`;
      return clean(state.instruction === null ? tools : `${tools}: ${state.instruction}`);
    }
    case 'fork':
      return clean(state.description ?? 'Fork');
    case 'journey':
      return clean(`Journey ${state.journeyId}`);
    case 'end':
      return 'End';
  }
}

/**
 * The journey as a Mermaid `stateDiagram-v2` chart, in the reference's layout: states are
 * aliased `N0`, `N1`, … with their instruction as label, `end` states are drawn as `[*]`,
 * transitions carry their condition, tool states get the tool style.
 */
export function journeyMermaid(
  journey: Pick<Journey, 'initialStateId' | 'states' | 'transitions'>,
): string {
  const alias = new Map<string, string>();
  for (const state of journey.states) {
    if (state.type !== 'end') alias.set(state.id, `N${alias.size}`);
  }
  const node = (stateId: string) => alias.get(stateId) ?? '[*]';
  const lines = ['stateDiagram-v2'];
  const styles: string[] = [];
  for (const state of journey.states) {
    const id = alias.get(state.id);
    if (id === undefined) continue;
    lines.push(`    ${id}: ${labelOf(state)}`);
    styles.push(`style ${id} ${state.type === 'tool' ? TOOL_STYLE : NORMAL_STYLE}`);
  }
  if (alias.has(journey.initialStateId)) lines.push(`    [*] --> ${node(journey.initialStateId)}`);
  for (const transition of journey.transitions) {
    const arrow = `    ${node(transition.from)} --> ${node(transition.to)}`;
    lines.push(transition.condition === null ? arrow : `${arrow}: ${clean(transition.condition)}`);
  }
  return [...lines, ...styles].join('\n');
}
