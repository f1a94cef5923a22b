import type { Server } from 'node:http';

/** The line a bench server prints once it listens; the parent waits for it. */
export const LISTENING_LINE = /^BENCH_LISTENING (\d+)$/m;

/** Prints the port `server` listens on, in the {@link LISTENING_LINE} format. */
export function announceListening(server: Server): void {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`BENCH_LISTENING ${port}\n`);
}

/**
 * Exits when the parent's end of stdin closes: a bench server never outlives the bench, even when the
 * bench itself is killed before it can stop its servers.
 */
export function exitWithParent(): void {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

/** Reports a start-up failure on stderr and exits non-zero. */
export function failStart(error: unknown): never {
  process.stderr.write(`bench server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
