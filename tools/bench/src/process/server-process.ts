import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from '../bench-config';
import { LISTENING_LINE } from '../servers/child-lifecycle';
import { benchSource, childEnv, childNodeFlags } from './node-command';
import { processCpuSeconds } from './process-cpu';
import { stopProcessGroup } from '../../../../test/support/process-group';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * A bench HTTP server in its own child process and process group, so that it shares its event loop
 * with neither the load generator nor the other targets. Stopped by its PID (its group's id), never by
 * name.
 */
export class ServerProcess {
  private output = '';
  private listening = false;

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    // The pipes are drained for the child's whole life, but only the start-up output is kept (it holds
    // the port, or why the start failed): a target that logs costs the bench's process no memory.
    const keep = (chunk: Buffer): void => {
      if (!this.listening) this.output += chunk.toString();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /**
   * Starts `entry` (a path under `tools/bench/src`) with `env` added to the bench children's environment,
   * and resolves once it listens; from the checkout at `root` (this one unless another build is compared).
   */
  static async start(label: string, entry: string, env: Readonly<Record<string, string>> = {}, root = REPO_ROOT): Promise<StartedServer> {
    const child = spawn(process.execPath, [...childNodeFlags(root), benchSource(entry, root)], {
      cwd: root,
      env: { ...childEnv(root), ...env },
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(label, child);
    try {
      const port = await server.waitForPort();
      return { process: server, url: `http://127.0.0.1:${port}` };
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  /** What the child printed until it listened (lines a server announces before its port, such as a key to send). */
  get startOutput(): string {
    return this.output;
  }

  /** The child's PID. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** CPU time the server has used so far, in seconds (NaN where /proc is not available). */
  cpuSeconds(): number {
    return processCpuSeconds(this.child.pid);
  }

  /** Sends SIGTERM to the child's process group (by its PID), then SIGKILL if it lingers. */
  stop(): Promise<void> {
    return stopProcessGroup(this.child, STOP_TIMEOUT_MS);
  }

  private async waitForPort(): Promise<number> {
    const giveUpAt = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const match = LISTENING_LINE.exec(this.output);
      if (match !== null) {
        this.listening = true;
        return Number(match[1]);
      }
      if (this.child.exitCode !== null) throw new Error(`${this.label} exited before listening:\n${this.output}`);
      if (Date.now() > giveUpAt) throw new Error(`${this.label} did not listen within ${START_TIMEOUT_MS} ms:\n${this.output}`);
      await delay(50);
    }
  }
}

/** A started {@link ServerProcess} and the base URL it answers on. */
export interface StartedServer {
  readonly process: ServerProcess;
  readonly url: string;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
