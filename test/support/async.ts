/** Small async helpers shared by every test suite. */

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** A promise and the function that resolves it. */
export interface Deferred<T = void> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
}

/** A new {@link Deferred}: tests hold a tool or an init at a gate until they resolve it. */
export function deferred<T = void>(): Deferred<T> {
  let resolvePromise!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolvePromise = done));
  return { promise, resolve: resolvePromise };
}

/** Polls `probe` until `done` accepts its value; fails after `timeoutMs` with the last value seen. */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await sleep(20);
    value = await probe();
  }
  return value;
}
