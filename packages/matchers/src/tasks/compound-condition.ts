/**
 * The rule for conditions with several parts, stated by the tasks that judge conditions: a
 * two-part condition ("the customer reports a defect and the product is less than 2 years
 * old") is easy to half-read, and a journey's first move lists its parts as (a), (b), ….
 */
export const COMPOUND_CONDITION =
  'A condition with several parts holds only when every part holds.';
