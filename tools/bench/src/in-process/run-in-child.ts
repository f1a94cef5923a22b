import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { REPO_ROOT } from '../bench-config';
import type { BenchPlan } from '../bench-plan';
import { benchSource, CHILD_NODE_FLAGS, childEnv } from '../process/node-command';
import { type InProcessResults, type InProcessSection, nodeFlagsOf, RESULT_PREFIX } from './in-process-sections';

const CHILD_TIMEOUT_MS = 180_000;

/**
 * In-process sections in one fresh child process (its own heap and JIT state, one app boot for all of
 * them, and no HTTP server or load generator sharing its event loop). The child boots the app as soon
 * as it starts, then waits for {@link SectionsChild.run} before it measures anything, so that its boot
 * can overlap other work that measures nothing.
 */
export class SectionsChild<S extends InProcessSection> {
  private readonly results: Promise<Pick<InProcessResults, S>>;

  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, Readable>,
    names: string,
    log: (line: string) => void,
  ) {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') log(line);
    });
    child.stdin.on('error', () => undefined); // a child that died early is reported by its exit
    this.results = new Promise((resolve, reject) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_PREFIX));
        if (code !== 0 || line === undefined) {
          reject(new Error(`sections ${names} failed (exit ${code ?? signal}):\n${stderr}`));
          return;
        }
        resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as Pick<InProcessResults, S>);
      });
    });
    // Failures are reported by `run`; a child that fails before anyone awaits it must not crash the bench.
    this.results.catch(() => undefined);
  }

  /** Starts the child: it boots the app, then waits for {@link run}. Its progress lines are passed to `log`. */
  static start<S extends InProcessSection>(sections: readonly S[], plan: BenchPlan, log: (line: string) => void): SectionsChild<S> {
    const names = sections.join(',');
    const child = spawn(
      process.execPath,
      [...nodeFlagsOf(sections), ...CHILD_NODE_FLAGS, benchSource('in-process/section.main.ts'), names, JSON.stringify(plan)],
      { cwd: REPO_ROOT, env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] },
    );
    return new SectionsChild<S>(child, names, log);
  }

  /** Lets the child run its sections, in order, once booted; resolves with their results by section name. */
  run(): Promise<Pick<InProcessResults, S>> {
    this.child.stdin.end('run\n');
    return this.results;
  }
}

/** Runs in-process sections in a {@link SectionsChild} at once and resolves with their results by section name. */
export function runInChild<S extends InProcessSection>(sections: readonly S[], plan: BenchPlan, log: (line: string) => void): Promise<Pick<InProcessResults, S>> {
  return SectionsChild.start(sections, plan, log).run();
}
