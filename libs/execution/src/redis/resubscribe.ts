import type { Redis, RedisOptions } from 'ioredis';

/**
 * ioredis options of a connection that subscribes, named `connectionName` (as `CLIENT LIST` shows it):
 * it does not subscribe again by itself after a reconnect ({@link resubscribeWhenBack} does). ioredis's
 * own `autoResubscribe` sends the SUBSCRIBE from inside its ready check and leaves the reply unhandled:
 * a connection closed during that check (a shutdown just as Redis came back) wrote it after the close,
 * and it rejected as an unhandled "Connection is closed.".
 */
export function subscriberOptions(connectionName: string): RedisOptions {
  return { autoResubscribe: false, connectionName };
}

/** What {@link resubscribeWhenBack} reports. */
export interface ResubscribeHandlers {
  /** The subscription failed (the connection dropped again: its next return subscribes again). */
  readonly onError: (error: Error) => void;
  /** Subscribed again: messages published while the connection was down were lost. */
  readonly onResubscribed?: () => void;
}

/**
 * Subscribes `subscriber` (opened with {@link subscriberOptions}) to `channels()` again each time its
 * connection is back after a drop: each `ready` from now on, so call it once connected. A connection
 * closed meanwhile has nothing to report.
 */
export function resubscribeWhenBack(subscriber: Redis, channels: () => readonly string[], handlers: ResubscribeHandlers): void {
  subscriber.on('ready', () => {
    const names = channels();
    if (names.length === 0) return;
    subscriber.subscribe(...names).then(
      () => handlers.onResubscribed?.(),
      (error: Error) => {
        if (subscriber.status !== 'end') handlers.onError(error);
      },
    );
  });
}
