import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { makeTempDir } from './temp-dir';

const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;
const INSTALL_HINT = 'Install it with `apt-get install -y redis-server` (Debian/Ubuntu); the tests start and stop their own server.';

/** A throwaway `redis-server` started by a test. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL if it lingers) and deletes its directory. */
  stop(): Promise<void>;
  /** Hangs the server (SIGSTOP): connections stay open, nothing answers. */
  pause(): void;
  /** Wakes a paused server (SIGCONT). */
  resume(): void;
  /** Kills the server (SIGKILL) and resolves once it is gone; its data (never persisted) with it. */
  kill(): Promise<void>;
  /** Starts a killed server again on the same port, empty; resolves once it answers PING. */
  restart(): Promise<void>;
}

/**
 * Starts a real `redis-server` on a free loopback port, without persistence, in its own temp
 * directory, and resolves once it answers PING. Fails (never skips) when `redis-server` is missing.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = makeTempDir('redis');
  let lastFailure: unknown;
  // A free port can be taken by someone else between our probe and the server's bind: try again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freeLoopbackPort();
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir.path, '--loglevel', 'warning'];
    let output = '';
    const launch = () => {
      const launched = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      launched.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      launched.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return launched;
    };
    let child = launch();
    try {
      await waitUntilAnswering(child, port, () => output);
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: async () => {
          child.kill('SIGCONT');
          await stopChild(child);
          dir.remove();
        },
        pause: () => child.kill('SIGSTOP'),
        resume: () => child.kill('SIGCONT'),
        kill: async () => {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          else return;
          await exited;
        },
        restart: async () => {
          child = launch();
          await waitUntilAnswering(child, port, () => output);
        },
      };
    } catch (error) {
      await stopChild(child);
      lastFailure = error;
      if (!/Address already in use/i.test(output)) break;
    }
  }
  dir.remove();
  throw lastFailure;
}

/** A TCP port on 127.0.0.1 that nothing listened on a moment ago (the OS picks it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('the OS gave no port for 127.0.0.1:0'))));
    });
  });
}

async function waitUntilAnswering(child: ChildProcess, port: number, output: () => string): Promise<void> {
  const spawnFailure = new Promise<never>((_, reject) =>
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`redis-server is not installed (not found on PATH). ${INSTALL_HINT}`) : error),
    ),
  );
  spawnFailure.catch(() => undefined);
  const giveUpAt = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    await Promise.race([spawnFailure, delay(50)]);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}) before answering on port ${port}:\n${output()}\n${INSTALL_HINT}`);
    }
    if (await answersPing(port)) return;
    if (Date.now() > giveUpAt) throw new Error(`redis-server did not answer PING on port ${port} within ${START_TIMEOUT_MS} ms:\n${output()}`);
  }
}

/** Whether a Redis server on the port answers PING with PONG (raw RESP, no client library). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** SIGTERM (Redis shuts down without saving), then SIGKILL after a grace period; resolves once it exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const lingering = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_GRACE_MS)));
  if (await Promise.race([exited.then(() => false), lingering])) {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
