/**
 * Runs one request to the central; when the central cannot be reached it rejects with the
 * caller's own offline error (what the screen explains), any refusal passing through as it is.
 */
export async function askCentral<T>(ask: () => Promise<T>, offline: (cause: string) => Error): Promise<T> {
  try {
    return await ask();
  } catch (e) {
    if ((e as { code?: string }).code === 'CENTRAL_UNREACHABLE') throw offline((e as Error).message);
    throw e;
  }
}
