import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from '../../libs/execution/src/testing/redis-server';
import { REPO_ROOT } from './e2e-app';

/** A free TCP port on loopback. */
export const freePort = freeLoopbackPort;

/** A ForgeSyte app's real entry point (its `src/main.ts`) in a child process, with its output collected. */
abstract class AppProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  /** How the process ended: its exit code, or the signal that ended it; once its output is all collected. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** The process's `FORGESYTE_DATA_DIR` (its SQLite job store): a fresh temp dir unless `env` names one. */
  readonly dataDir: string;

  constructor(
    private readonly app: 'api' | 'worker',
    env: Record<string, string>,
  ) {
    this.dataDir = env.FORGESYTE_DATA_DIR ?? mkdtempSync(join(tmpdir(), `forgesyte-${app}-`));
    this.child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(REPO_ROOT, `apps/${app}/src/main.ts`)],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'), FORGESYTE_DATA_DIR: this.dataDir, ...env },
      },
    );
    this.child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('close', (code, signal) => resolve({ code, signal })));
  }

  /** Resolves when stdout matches `pattern`; rejects if the process exits first or after `timeoutMs`. */
  async waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.stdout);
      if (match !== null) return match;
      if (this.child.exitCode !== null) throw new Error(`${this.app} exited (${this.child.exitCode}): ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} in output within ${timeoutMs} ms: ${this.stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }

  /** Kills the process at once (SIGKILL: no shutdown hooks run), and resolves once it is gone. */
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    return this.exited;
  }
}

/** The API (`apps/api/src/main.ts`) in a child process. */
export class ApiProcess extends AppProcess {
  constructor(env: Record<string, string>) {
    super('api', env);
  }
}

/** A queue worker (`apps/worker/src/main.ts`) in a child process. */
export class WorkerProcess extends AppProcess {
  constructor(env: Record<string, string>) {
    super('worker', env);
  }

}
