/**
 * Runs shutdown steps one after another (their order matters: the engine before the store), each
 * even when an earlier one failed, so a failing step cannot leave the rest open.
 *
 * @throws the first step's error, once every step has run.
 */
export async function runCloseSteps(
  steps: ReadonlyArray<(() => Promise<unknown>) | undefined>,
): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    if (step === undefined) continue;
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}
