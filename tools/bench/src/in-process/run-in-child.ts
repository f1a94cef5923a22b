import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../bench-config';
import type { BenchPlan } from '../bench-plan';
import { benchSource, CHILD_NODE_FLAGS, childEnv } from '../process/node-command';
import { type InProcessResults, type InProcessSection, nodeFlagsOf, RESULT_PREFIX } from './in-process-sections';

const CHILD_TIMEOUT_MS = 180_000;

/**
 * Runs in-process sections one after the other in one fresh child process (its own heap and JIT state,
 * one app boot for all of them, and no HTTP server or load generator sharing its event loop) and
 * resolves with their results by section name. The child's progress lines are passed to `log`.
 */
export function runInChild<S extends InProcessSection>(sections: readonly S[], plan: BenchPlan, log: (line: string) => void): Promise<Pick<InProcessResults, S>> {
  const names = sections.join(',');
  const child = spawn(
    process.execPath,
    [...nodeFlagsOf(sections), ...CHILD_NODE_FLAGS, benchSource('in-process/section.main.ts'), names, JSON.stringify(plan)],
    { cwd: REPO_ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line.trim() !== '') log(line);
  });
  return new Promise((resolve, reject) => {
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
}
