import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from '../bench-config';
import { CHILD_NODE_FLAGS, childEnv } from '../process/node-command';
import { stopProcessGroup } from '../../../../test/support/process-group';

const READY_TIMEOUT_MS = 60_000;

/** A node child process (TypeScript through the bench's flags) in its own process group, ready once it prints `readyLine`. */
export class ReadyChild {
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(entry: string, args: readonly string[], env: Record<string, string>, readyLine: RegExp): Promise<ReadyChild> {
    const child = spawn(process.execPath, [...CHILD_NODE_FLAGS, entry, ...args], {
      cwd: REPO_ROOT,
      env: { ...childEnv(), ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ready = new ReadyChild(child);
    const giveUpAt = Date.now() + READY_TIMEOUT_MS;
    while (!readyLine.test(ready.output)) {
      if (child.exitCode !== null || Date.now() > giveUpAt) {
        await ready.stop();
        throw new Error(`${entry} did not start: ${ready.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return ready;
  }

  stop(): Promise<void> {
    return stopProcessGroup(this.child);
  }
}
