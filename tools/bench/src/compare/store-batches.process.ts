import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from '../bench-config';
import { benchSource, childEnv, childNodeFlags } from '../process/node-command';
import type { StoreTargetKind } from '../stores/forgesyte-store.target';
import { stopProcessGroup } from '../../../../test/support/process-group';

/** Where the child lives under `tools/bench/src`, in this checkout and in the one it is copied into. */
export const STORE_BATCHES_CHILD = 'compare/store-batches.child.ts';

const START_TIMEOUT_MS = 120_000;
/** How long a child may take to stop its workers (each has 5 s) and its app before it is killed. */
const STOP_GRACE_MS = 20_000;

type ChildMessage = { readonly ready: true } | { readonly jobsPerSecond: number } | { readonly error: string };

/**
 * One build's ForgeSyte on one job store, in a child process of its own and process group (see
 * `store-batches.child.ts`), from the checkout at `root`: `runBatch` has it run a batch of async no-op jobs.
 */
export class StoreBatchesProcess {
  private output = '';
  private waiting: ((message: ChildMessage) => void) | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.on('message', (message: ChildMessage) => this.waiting?.(message));
    // 'close' rather than 'exit': by then the child's last output has been read.
    child.on('close', (code, signal) => this.waiting?.({ error: `the child exited (${signal ?? `code ${code}`}): ${this.output.slice(-2000)}` }));
  }

  static async start(target: StoreTargetKind, concurrency: number, root = REPO_ROOT): Promise<StoreBatchesProcess> {
    const child = spawn(process.execPath, [...childNodeFlags(root), benchSource(STORE_BATCHES_CHILD, root), JSON.stringify({ target, concurrency })], {
      cwd: root,
      env: childEnv(root),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const started = new StoreBatchesProcess(child);
    try {
      await started.next(START_TIMEOUT_MS);
      return started;
    } catch (error) {
      await started.stop();
      throw error;
    }
  }

  /** The child's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Runs a batch of `jobs` jobs by one key; resolves with its jobs per second. */
  async runBatch(jobs: number): Promise<number> {
    this.child.send({ jobs });
    const answer = await this.next();
    if (!('jobsPerSecond' in answer)) throw new Error('the child answered no rate');
    return answer.jobsPerSecond;
  }

  /** Stops the child, which stops its `apps/worker` processes first (given up to {@link STOP_GRACE_MS}, then killed). */
  stop(): Promise<void> {
    return stopProcessGroup(this.child, STOP_GRACE_MS);
  }

  /** The child's next message; an error message (or its exit, or `timeoutMs` passing) rejects. */
  private async next(timeoutMs?: number): Promise<ChildMessage> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const message = await new Promise<ChildMessage>((resolve, reject) => {
        this.waiting = resolve;
        if (timeoutMs !== undefined) timer = setTimeout(() => reject(new Error(`the child did not start: ${this.output.slice(-2000)}`)), timeoutMs);
      });
      if ('error' in message) throw new Error(message.error);
      return message;
    } finally {
      clearTimeout(timer);
      this.waiting = undefined;
    }
  }
}
