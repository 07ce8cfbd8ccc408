import {
  type AppliedGuideline,
  formatNumberedList,
  type Guideline,
  type TurnContext,
} from '@conduct/core';

/**
 * The `context` hook of the re-apply tasks: for each item of the batch, how often a reply of
 * this session applied it and how many customer messages have arrived since, so the model can
 * tell "still the same matter" from "it came up again".
 */
export function appliedHistory(batch: readonly Guideline[], context: TurnContext): string[] {
  const lines = batch.map((guideline) => {
    const entry = context.session.state.appliedGuidelines.find(
      (applied) => applied.guidelineId === guideline.id,
    );
    if (entry === undefined) return 'not applied yet';
    const times = entry.count === 1 ? 'once' : `${entry.count} times`;
    const since = customerMessagesSince(entry, context);
    const when =
      since === 0
        ? 'in the latest agent message'
        : since === 1
          ? 'in the agent reply just before the latest customer message'
          : `${since} customer messages ago`;
    return `applied ${times} earlier in this conversation, ${entry.count > 1 ? 'last ' : ''}${when}`;
  });
  return ['When the agent already applied each item:', formatNumberedList(lines)];
}

function customerMessagesSince(entry: AppliedGuideline, context: TurnContext): number {
  const { history } = context;
  // The reply that applied it shares the trace id of that turn; fall back on time if the
  // trace is not in the history (e.g. the event was deleted).
  const last = history.findLastIndex((event) => event.traceId === entry.traceId);
  const after =
    last >= 0 ? history.slice(last + 1) : history.filter((e) => e.createdAt > entry.appliedAt);
  return after.filter((event) => event.kind === 'message' && event.source === 'customer').length;
}
