import type { Journey, JourneyInput, JourneyState } from '@conduct/core';

// Marks the state of a graph made by the HTTP API, so edits of title and description reach it.
const HTTP_GRAPH_MARK = 'conduct_http_default_graph';

function instructionOf(title: string, description: string): string {
  return description.trim() || title.trim();
}

/**
 * The graph of a journey created over HTTP. The wire format has no states (the reference adds
 * them through its SDK), but a Conduct journey needs a valid graph, so it gets the smallest one
 * that means something: one `chat` state that follows the journey's description (its title
 * when the description is empty), then `end`. Richer graphs are defined in code.
 */
export function defaultJourneyGraph(
  title: string,
  description: string,
): Pick<JourneyInput, 'initialStateId' | 'states' | 'transitions'> {
  return {
    initialStateId: 'start',
    states: [
      {
        id: 'start',
        type: 'chat',
        instruction: instructionOf(title, description),
        metadata: { [HTTP_GRAPH_MARK]: true },
      },
      { id: 'end', type: 'end' },
    ],
    transitions: [{ id: 'start-to-end', from: 'start', to: 'end', condition: null }],
  };
}

/** State metadata without the mark of an HTTP-made graph (for a graph that replaces it). */
export function withoutHttpMark(metadata: Record<string, unknown>): Record<string, unknown> {
  const { [HTTP_GRAPH_MARK]: _mark, ...rest } = metadata;
  return rest;
}

/**
 * The journey's states with the HTTP-made state following a new title or description, or
 * `undefined` when the graph was not made by the HTTP API (it is then left alone).
 */
export function refreshedStates(
  journey: Journey,
  title: string,
  description: string,
): JourneyState[] | undefined {
  if (!journey.states.some((state) => state.metadata[HTTP_GRAPH_MARK] === true)) return undefined;
  return journey.states.map((state) =>
    state.type === 'chat' && state.metadata[HTTP_GRAPH_MARK] === true
      ? { ...state, instruction: instructionOf(title, description) }
      : state,
  );
}
