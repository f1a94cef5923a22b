import { type DestinationStream, type Logger, pino } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { LogLevelName } from '../config/engine-config';

/** Where a process's log lines go and from which level; see {@link createProcessLogger}. */
export interface ProcessLoggerOptions {
  readonly level: LogLevelName;
  /** Instead of stdout: a test's capture stream, for instance. */
  readonly destination?: DestinationStream;
}

/**
 * Header paths no line may carry: API keys, bearer tokens, cookies. The request logger never logs
 * headers at all; these are a second lock should some line carry a request or response object.
 */
const REDACTED = ['req.headers["x-api-key"]', 'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];

/**
 * The one pino logger of a process (the API or `apps/worker`): JSON lines on stdout, buffered (see
 * {@link STDOUT_BUFFER_BYTES}), and error and fatal ones on stderr at once; flushed at shutdown and when
 * the process exits. Human-readable lines through pino-pretty instead when stdout is a terminal and
 * pino-pretty (a dev dependency) is installed.
 */
export function createProcessLogger({ level, destination }: ProcessLoggerOptions): Logger {
  const options = { level, redact: { paths: REDACTED, censor: '[redacted]' } };
  return pino(options, destination ?? stdoutDestination());
}

/** The destinations of this process's loggers (stdout and stderr), for {@link flushProcessLogs}. */
const DESTINATIONS: ReturnType<typeof pino.destination>[] = [];

/**
 * Writes out, synchronously, the lines the process's loggers still buffer. pino does so on the process's
 * `exit` event, but Nest's shutdown on SIGTERM or SIGINT ends by raising the signal again, which ends the
 * process without an `exit` event: the engine calls this at shutdown (`ProcessLogFlush`).
 */
export function flushProcessLogs(): void {
  for (const destination of DESTINATIONS) {
    try {
      destination.flushSync();
    } catch {
      // A destination still opening, or a pipe that cannot take more now: nothing better to do at exit.
    }
  }
}

/**
 * Lines on stdout are written, synchronously, once this many bytes wait (about ten lines), or every
 * {@link STDOUT_FLUSH_MS}. Measured in CPU per line (the line's own formatting included): one asynchronous
 * write per line (a hand-off to libuv's thread pool and back) about 8.5 µs, one synchronous write per line
 * 8.6 µs, a synchronous write per 4 kB 5.7 µs. pino's own default destination is synchronous too; a stdout
 * that stops reading therefore slows the process rather than filling its memory.
 */
const STDOUT_BUFFER_BYTES = 4096;
/** The longest an info or debug line waits before it is written out. */
const STDOUT_FLUSH_MS = 200;

/**
 * Error and fatal lines on stderr, written at once, the others on stdout, buffered (see
 * {@link STDOUT_BUFFER_BYTES}), as Nest's console logger split them.
 */
function stdoutDestination(): DestinationStream {
  if (process.stdout.isTTY) {
    const pretty = prettyStdout();
    if (pretty !== undefined) return pretty;
  }
  const stdout = pino.destination({ fd: 1, sync: true, minLength: STDOUT_BUFFER_BYTES });
  const stderr = pino.destination({ fd: 2, sync: true });
  DESTINATIONS.push(stdout, stderr);
  setInterval(() => stdout.flush(), STDOUT_FLUSH_MS).unref();
  return pino.multistream(
    [
      { level: 'trace', stream: stdout },
      { level: 'error', stream: stderr },
    ],
    { dedupe: true },
  );
}

/** pino-pretty writing to stdout, or undefined where it is not installed (a production install). */
function prettyStdout(): DestinationStream | undefined {
  try {
    // A dev dependency, loaded only on a terminal: a require, as `import` would load it everywhere.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as typeof PinoPretty;
    return pretty({ colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' });
  } catch {
    return undefined;
  }
}
