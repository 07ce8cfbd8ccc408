import { PREAMBLE_TAG } from '../domain/built-in-tags.js';
import { toolDisplayName } from '../domain/common.js';
import type { Event, MessageEvent } from '../domain/event.js';
import { fitToBudget } from '../prompt/fit-to-budget.js';
import { countTokens, type Tokenizer } from '../prompt/tokenizer.js';
import type { ToolOutcomeView } from './turn-context.js';

/**
 * Whether a message's words may steer the engine (matching, ranking, grounding, prompts): a
 * conversation message (customer, agent or human agent — not system or UI notes) that is
 * neither deleted nor withheld by moderation.
 */
export function isConversationMessage(event: Event): event is MessageEvent {
  return (
    event.kind === 'message' &&
    !event.deleted &&
    event.data.flagged !== true &&
    event.source !== 'system' &&
    event.source !== 'customer_ui'
  );
}

/**
 * The words of the latest customer message, or `''` when there is none — or when it was
 * withheld by moderation: an earlier message must not stand in for it.
 */
export function latestCustomerText(history: readonly Event[]): string {
  const latest = history.findLast(
    (event) => event.kind === 'message' && event.source === 'customer' && !event.deleted,
  );
  return latest !== undefined && isConversationMessage(latest) ? latest.data.message : '';
}

/** Options of {@link renderConversation}. */
export interface ConversationOptions {
  /** Token budget of the rendered window; the newest lines are kept. */
  budgetTokens: number;
  tokenizer?: Tokenizer;
  /** Longest tool result (characters) shown before it is cut. */
  maxToolResultChars?: number;
  /** Lines that follow the events (newest), e.g. this turn's tool calls. */
  extraLines?: readonly string[];
}

/** A conversation window for a prompt. */
export interface ConversationWindow {
  /** One line per message or tool call, oldest first. */
  lines: string[];
  /** How many older lines did not fit in the budget. */
  dropped: number;
  tokens: number;
}

/**
 * Renders a session's events as the conversation lines every prompt shows (messages and tool
 * results; statuses and custom events are left out), keeping the newest that fit the budget.
 * Matchers and composers share it so the model sees the conversation the same way in every task.
 */
export function renderConversation(
  events: readonly Event[],
  options: ConversationOptions,
): ConversationWindow {
  const lines = [
    ...events.flatMap((event) => renderEvent(event, options.maxToolResultChars ?? 2_000)),
    ...(options.extraLines ?? []),
  ];
  const tokenizer = options.tokenizer;
  const window = fitToBudget(lines, {
    budget: options.budgetTokens,
    count: (line) => countTokens(line, tokenizer),
  });
  return { lines: window.items, dropped: window.dropped, tokens: window.used };
}

function renderEvent(event: Event, maxToolResultChars: number): string[] {
  if (event.deleted) return [];
  if (event.kind === 'message') {
    // A flagged message's words must not steer the model; the reasons may (reply to the fact).
    const reasons = event.data.tags?.length ? `: ${event.data.tags.join(', ')}` : '';
    const text =
      event.data.flagged === true
        ? `<message withheld by moderation${reasons}>`
        : event.data.message;
    const name = event.data.participant.display_name;
    switch (event.source) {
      case 'customer':
        return [`Customer (${name}): ${text}`];
      case 'ai_agent':
      case 'human_agent_on_behalf_of_ai_agent':
        return [
          (event.data.tags ?? []).includes(PREAMBLE_TAG)
            ? holdingMessageLine(text)
            : `Agent: ${text}`,
        ];
      case 'human_agent':
        return [`Human agent (${name}): ${text}`];
      default:
        return [];
    }
  }
  if (event.kind === 'tool') {
    // Results with a `response` lifespan only served the reply they were fetched for.
    const kept = event.data.tool_calls.filter(
      (call) => call.result.control.lifespan !== 'response',
    );
    return kept.map((call) =>
      formatToolOutcome(
        {
          tool: call.tool_id,
          arguments: call.arguments,
          status: 'succeeded',
          data: call.result.data,
        },
        maxToolResultChars,
      ),
    );
  }
  return [];
}

/**
 * How a preamble (a message tagged `__preamble__`, "Let me check that for you") reads in every
 * prompt: an agent line marked as a holding message, so no task takes it for an answer.
 */
export function holdingMessageLine(text: string): string {
  return `Agent (holding message): ${text}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/**
 * One line describing a tool call and its result, the same way in every prompt (history,
 * tool inference, composition). Long results are cut at `maxChars`.
 */
export function formatToolOutcome(outcome: ToolOutcomeView, maxChars = 2_000): string {
  const call = `${toolDisplayName(outcome.tool)}(${JSON.stringify(outcome.arguments)})`;
  if (outcome.status === 'failed')
    return `Tool ${call} failed: ${outcome.error ?? 'unknown error'}`;
  return `Tool ${call} returned: ${truncate(JSON.stringify(outcome.data) ?? 'null', maxChars)}`;
}
