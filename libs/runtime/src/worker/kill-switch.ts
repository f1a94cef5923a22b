import { EventEmitter } from 'node:events';

/**
 * What piscina listens to for a call to abort (its `signal` option takes an AbortSignal or an emitter
 * of `abort`): aborting terminates the thread running the call. An emitter costs far less than an
 * AbortController, and every worker call needs one.
 */
export class KillSwitch extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}
