/**
 * What the runner needs of whatever cancels a call: whether it fired, and to be told once when it
 * fires. An AbortSignal is one; a {@link CallCancellation} is a lighter one.
 */
export interface CallerSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * Cancels one call: a {@link CallerSignal} that is not an AbortSignal. Creating an AbortSignal costs
 * microseconds, and most calls end before anything listens to their cancellation; the tool still gets
 * a real AbortSignal, made by its `CallDeadline` when the tool asks for it. `abort` calls every listener
 * once, as an AbortSignal does its `once` listeners.
 */
export class CallCancellation implements CallerSignal {
  private fired = false;
  private listeners: Array<() => void> | undefined;

  get aborted(): boolean {
    return this.fired;
  }

  abort(): void {
    if (this.fired) return;
    this.fired = true;
    const listeners = this.listeners;
    this.listeners = undefined;
    listeners?.forEach((listener) => listener());
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (!this.fired) (this.listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const index = this.listeners?.indexOf(listener) ?? -1;
    if (index >= 0) this.listeners?.splice(index, 1);
  }
}
