import { Graph, layout } from '@dagrejs/dagre';
import { useMemo } from 'react';
import type { Journey, JourneyState } from '../api/types.js';
import { toolNameOf } from './subjects.js';

/** Props of {@link JourneyGraph}. */
export interface JourneyGraphProps {
  journey: Journey;
  /** The state the session is at after the turn (highlighted). */
  current: string | null;
  /** The states the turn moved through, in order (from, via…, to): their edges are marked. */
  moves: readonly string[];
}

const NODE_WIDTH = 190;
const LINE_HEIGHT = 15;
const CHARS_PER_LINE = 28;
const MAX_LINES = 3;

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + word.length + 1 > CHARS_PER_LINE) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  if (lines.length > MAX_LINES) {
    return [
      ...lines.slice(0, MAX_LINES - 1),
      `${lines[MAX_LINES - 1]!.slice(0, CHARS_PER_LINE - 1)}…`,
    ];
  }
  return lines;
}

function labelOf(state: JourneyState): string {
  switch (state.type) {
    case 'end':
      return 'End';
    case 'fork':
      return state.description ?? 'Fork';
    case 'journey':
      return `Journey ${state.journey_id ?? ''}`;
    case 'tool':
      return `Run ${(state.tools ?? []).map((tool) => toolNameOf(tool).replace(/^[^:]*:/, '')).join(', ')}`;
    default:
      return state.instruction ?? state.description ?? state.type;
  }
}

function shorten(text: string, max = 34): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A journey's states and transitions laid out top to bottom (dagre), drawn as SVG. */
export function JourneyGraph({ journey, current, moves }: JourneyGraphProps) {
  const drawing = useMemo(() => {
    const graph = new Graph({ multigraph: true });
    graph.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 46, marginx: 8, marginy: 8 });
    graph.setDefaultEdgeLabel(() => ({}));
    for (const state of journey.states) {
      const lines = state.type === 'end' ? ['End'] : wrap(labelOf(state));
      graph.setNode(state.id, {
        width: state.type === 'end' ? 70 : NODE_WIDTH,
        height: lines.length * LINE_HEIGHT + 22,
        lines,
      });
    }
    for (const transition of journey.transitions) {
      const label = transition.condition ? shorten(transition.condition) : '';
      graph.setEdge(
        transition.from,
        transition.to,
        { label, width: label.length * 5.6, height: label ? 14 : 0, labelpos: 'c' },
        transition.id,
      );
    }
    layout(graph);
    return graph;
  }, [journey]);
  const moved = new Set<string>();
  for (let index = 1; index < moves.length; index += 1) {
    moved.add(`${moves[index - 1]}→${moves[index]}`);
  }
  const { width = 0, height = 0 } = drawing.graph();
  const stateOf = new Map(journey.states.map((state) => [state.id, state]));
  return (
    <svg
      className="journey-graph"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      role="img"
      aria-label={`Graph of the journey ${journey.title}${current ? `, now at ${labelOf(stateOf.get(current) ?? ({ type: 'chat', id: current } as JourneyState))}` : ''}`}
      data-testid="journey-graph"
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
        </marker>
        <marker
          id="arrow-moved"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head moved" />
        </marker>
      </defs>
      {drawing.edges().map((edge: { v: string; w: string; name?: string }) => {
        const label = drawing.edge(edge) as {
          points: { x: number; y: number }[];
          label: string;
          x?: number;
          y?: number;
        };
        const isMove = moved.has(`${edge.v}→${edge.w}`);
        const d = label.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
        return (
          <g key={edge.name ?? `${edge.v}-${edge.w}`} className={`edge${isMove ? ' moved' : ''}`}>
            <path d={d} markerEnd={`url(#${isMove ? 'arrow-moved' : 'arrow'})`} />
            {label.label && label.x !== undefined && label.y !== undefined && (
              <text x={label.x} y={label.y} textAnchor="middle" className="edge-label">
                {label.label}
              </text>
            )}
          </g>
        );
      })}
      {drawing.nodes().map((id: string) => {
        const node = drawing.node(id) as {
          x: number;
          y: number;
          width: number;
          height: number;
          lines: string[];
        };
        const state = stateOf.get(id);
        const classes = [
          'node',
          state?.type ?? '',
          id === current ? 'current' : '',
          moves.includes(id) && id !== current ? 'visited' : '',
          id === journey.initial_state_id ? 'initial' : '',
        ];
        return (
          <g
            key={id}
            className={classes.filter(Boolean).join(' ')}
            transform={`translate(${node.x - node.width / 2},${node.y - node.height / 2})`}
            data-state={id}
            data-current={id === current ? 'true' : undefined}
          >
            <title>{state ? `${state.type}: ${labelOf(state)}` : id}</title>
            <rect
              width={node.width}
              height={node.height}
              rx={state?.type === 'end' ? node.height / 2 : 8}
            />
            {node.lines.map((line, index) => (
              <text
                key={`${id}-${index}`}
                x={node.width / 2}
                y={16 + index * LINE_HEIGHT}
                textAnchor="middle"
              >
                {line}
              </text>
            ))}
            {state?.type === 'tool' && (
              <text x={node.width - 6} y={node.height - 5} textAnchor="end" className="node-kind">
                tool
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
