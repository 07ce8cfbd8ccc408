/** Days after delivery during which an item can be returned for a full refund. */
export const RETURN_WINDOW_DAYS = 30;

/** Years of manufacturer warranty on every product, from the delivery date. */
export const WARRANTY_YEARS = 2;

/** What the warranty covers, as the agent should explain it. */
export const WARRANTY_COVERAGE =
  'Manufacturing defects and hardware faults that appear in normal use. Accidental damage (drops, liquid), misuse and normal wear are not covered.';

/** The steps of a warranty claim. */
export const WARRANTY_CLAIM_STEPS = [
  'The customer gives the serial number and a short description of the fault.',
  'Voltmart emails a prepaid shipping label within one business day.',
  'The product is repaired, or replaced if it cannot be repaired, within 10 business days of arriving at the service center.',
];

/** What Voltmart Plus members get, as the glossary and the agent should state it. */
export const PLUS_PERKS =
  'free next-day delivery, free courier pickup of returns from home, and priority when handed over to a human colleague';
