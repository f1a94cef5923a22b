import { Redis } from 'ioredis';
import type { RedisServer } from './redis-server';

/** Unhandled rejections seen while `run` runs (and 200 ms after, for rejections of promises it left behind). */
export async function unhandledRejectionsDuring(run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const record = (reason: unknown) => seen.push(String(reason));
  process.on('unhandledRejection', record);
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    process.off('unhandledRejection', record);
  }
  return seen;
}

/**
 * Kills `server`, starts it again, and runs `close` at the moment the connection named `connectionName`
 * comes back and sends its ready check (INFO), before the server answered it: the moment a shutdown
 * meets a reconnect. Resolves once `close` has.
 */
export async function restartAndCloseDuringReadyCheck(server: RedisServer, connectionName: string, close: () => Promise<void>): Promise<void> {
  const sendCommand = Redis.prototype.sendCommand;
  let closing: Promise<void> | undefined;
  const spy = jest.spyOn(Redis.prototype, 'sendCommand').mockImplementation(function (this: Redis, ...args: Parameters<Redis['sendCommand']>) {
    const reply = sendCommand.apply(this, args);
    if (closing === undefined && args[0].name === 'info' && this.options.connectionName === connectionName) closing = close();
    return reply;
  });
  try {
    await server.kill();
    await server.restart();
    while (closing === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    await closing;
  } finally {
    spy.mockRestore();
  }
}
