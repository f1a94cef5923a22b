import type { ChildProcess } from 'node:child_process';

/** Signals a child's process group (spawned `detached`, stopped by PID, never by name); a gone group is fine. */
export function signalProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group has already exited
  }
}

/** SIGTERM to the child's process group, then SIGKILL if it lingers past `graceMs`; resolves once it exited. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalProcessGroup(child, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const lingering = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)));
  if (await Promise.race([exited.then(() => false), lingering])) {
    signalProcessGroup(child, 'SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}
