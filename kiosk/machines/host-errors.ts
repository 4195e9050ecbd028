/**
 * What the machines of staff modes (technician, counter) share about their side effects: a
 * failure as the host's `{ code, message }`, and an actor a machine names but the wiring has
 * not supplied yet.
 */
export interface HostError {
  code: string;
  message: string;
}

/** The host's `{ code, message }`, whatever the rejection carried (HOST_FAILURE when it had no code). */
export const toHostError = (e: unknown): HostError => {
  const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
  return { code: typeof code === 'string' ? code : 'HOST_FAILURE', message: typeof message === 'string' ? message : String(e) };
};

/** An actor's failure event carries the host's error; guards read its code. */
export const errorOf = (event: object): HostError => toHostError((event as { error?: unknown }).error);

/** The stand-in of an actor until `.provide()` supplies it. */
export const notProvided = (name: string) => async (): Promise<never> => {
  throw new Error(`${name} not provided`);
};
