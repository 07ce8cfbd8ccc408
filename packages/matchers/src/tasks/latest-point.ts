/**
 * What "the latest point of the conversation" means, stated wherever a task asks about it: a
 * literal model cannot otherwise tell whether it is the customer's last message, the agent's
 * last reply, or something after the tool results.
 */
export const LATEST_POINT_DEFINITION =
  "The latest point of the conversation is right after its last line (tool results included), just before the agent's next message; what held only earlier may no longer hold.";
