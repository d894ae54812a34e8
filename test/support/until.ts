/** Waits until `condition` holds, polling every 50 ms: end-to-end tests wait for what the page shows,
 *  never for a fixed time. */
export async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the page did not get there in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
