import { spawn } from 'node:child_process';
import { signalProcessGroup } from '../../../../test/support/process-group';

/** What a finished command printed. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Where and how long a command runs. */
export interface CommandOptions {
  readonly cwd: string;
  /** Added to {@link commandEnv}. */
  readonly env?: Readonly<Record<string, string>>;
  /** Default 120 s. */
  readonly timeoutMs?: number;
  /** Written to the command's stdin, which is then closed (e.g. `'\n'` takes a prompt's default); empty by default. */
  readonly input?: string;
}

/** The environment of a command: PATH and HOME only (nothing of the jest run around it), plus `extra`. */
export function commandEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
  if (process.env.HOME !== undefined) base.HOME = process.env.HOME;
  return { ...base, ...extra };
}

/**
 * Runs `command` in a process group of its own. Resolves with its output when it exits with 0;
 * rejects with the command line and its whole output otherwise, or after the timeout, when the group
 * it started (and only that group) is killed.
 */
export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const line = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: commandEnv(options.env), detached: true, stdio: 'pipe' });
    child.stdin.end(options.input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => signalProcessGroup(child, 'SIGKILL'), options.timeoutMs ?? 120_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`\`${line}\` in ${options.cwd} ended with ${signal ?? `exit code ${String(code)}`}:\n${stdout}\n${stderr}`));
    });
  });
}
