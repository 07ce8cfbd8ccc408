/**
 * The re-apply rule for an action done in part: "explain the policy and, once they confirm,
 * start the return" was applied when the policy was explained, and the confirmation that
 * follows is "the same matter" — without this rule the return would never be started.
 */
export const WAITING_PART =
  'An item also applies when a part of its action was waiting for the customer (for example "once they confirm, start the return"), the customer has now given what it waited for, and that part is not done yet.';
