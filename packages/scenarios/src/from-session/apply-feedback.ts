import type { Feedback } from '@conduct/core';
import { toolDisplayName } from '@conduct/core/internal';
import type { ExportedExpectations } from './scenario-from-conversation.js';

/** Feedback on one agent message, as the export reads it (from a store or a server). */
export type ConversationFeedback = Pick<Feedback, 'eventId' | 'rating' | 'comment' | 'corrections'>;

/** Options of {@link applyFeedback}. */
export interface ApplyFeedbackOptions {
  /** What the agent did in the turn (changed in place). */
  expect: ExportedExpectations;
  /** The feedback on the turn's agent messages, oldest first. */
  feedback: readonly ConversationFeedback[];
  /** A guideline's title when the turn's record names it, else its id. */
  guidelineName: (id: string) => string;
}

/**
 * Lets the feedback on a turn override what the agent did: guidelines that should (not) have
 * matched, tools that should (not) have been called, the reply that should have been sent (a
 * judge criterion instead of key phrases of the actual reply). Returns a note for the reviewer
 * when a reply was rated bad without saying what should have happened.
 */
export function applyFeedback({
  expect,
  feedback,
  guidelineName,
}: ApplyFeedbackOptions): string | undefined {
  const notes: string[] = [];
  for (const item of feedback) {
    const { guidelines, tools, expectedReply } = item.corrections;
    overrideGuidelines(
      expect,
      guidelines.shouldMatch.map(guidelineName),
      guidelines.shouldNotMatch.map(guidelineName),
    );
    overrideTools(expect, tools.shouldCall, tools.shouldNotCall);
    if (expectedReply !== null) {
      const { contains: _phrases, ...reply } = expect.reply ?? {};
      expect.reply = { ...reply, judge: `the reply says in substance: ${expectedReply}` };
    }
    if (item.rating === 'bad' && !hasCorrections(item.corrections)) {
      notes.push(
        `Rated bad${item.comment === null ? '' : `: "${item.comment}"`} — say what it should have done here.`,
      );
    }
  }
  return notes.length === 0 ? undefined : notes.join('\n');
}

function overrideGuidelines(
  expect: ExportedExpectations,
  shouldMatch: readonly string[],
  shouldNotMatch: readonly string[],
): void {
  if (shouldMatch.length === 0 && shouldNotMatch.length === 0) return;
  const matched = union(expect.guidelines?.matched ?? [], shouldMatch).filter(
    (name) => !shouldNotMatch.includes(name),
  );
  const notMatched = union(expect.guidelines?.notMatched ?? [], shouldNotMatch).filter(
    (name) => !shouldMatch.includes(name),
  );
  expect.guidelines = {
    ...(matched.length === 0 ? {} : { matched }),
    ...(notMatched.length === 0 ? {} : { notMatched }),
  };
}

function overrideTools(
  expect: ExportedExpectations,
  shouldCall: readonly string[],
  shouldNotCall: readonly string[],
): void {
  if (shouldCall.length === 0 && shouldNotCall.length === 0) return;
  const unwanted = new Set(shouldNotCall.map(toolDisplayName));
  const wanted = shouldCall.map(toolDisplayName);
  const called: NonNullable<ExportedExpectations['tools']>['called'] = (
    expect.tools?.called ?? []
  ).filter((call) => !unwanted.has(toolNameOf(call)));
  for (const tool of wanted) {
    if (!called.some((call) => toolNameOf(call) === tool)) called.push(tool);
  }
  const notCalled = union(expect.tools?.notCalled ?? [], [...unwanted]).filter(
    (tool) => !wanted.includes(tool),
  );
  expect.tools = {
    ...(called.length === 0 ? {} : { called }),
    ...(notCalled.length === 0 ? {} : { notCalled }),
  };
}

function toolNameOf(call: string | { tool: string }): string {
  return typeof call === 'string' ? call : call.tool;
}

function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}

function hasCorrections(corrections: ConversationFeedback['corrections']): boolean {
  const { guidelines, tools, expectedReply } = corrections;
  return (
    expectedReply !== null ||
    [guidelines.shouldMatch, guidelines.shouldNotMatch, tools.shouldCall, tools.shouldNotCall].some(
      (list) => list.length > 0,
    )
  );
}
