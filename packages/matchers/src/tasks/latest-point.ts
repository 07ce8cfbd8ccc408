/**
 * What "the latest point of the conversation" means, stated wherever a task asks about it: a
 * literal model cannot otherwise tell whether it is the customer's last message, the agent's
 * last reply, or something after the tool results.
 */
export const LATEST_POINT_DEFINITION =
  'The latest point of the conversation is right after its last line, just before the agent writes its next message: it includes the latest customer message and everything shown after it (such as tool results). Something that was true only earlier may no longer hold there.';
