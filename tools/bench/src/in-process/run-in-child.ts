import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../bench-config';
import type { BenchPlan } from '../bench-plan';
import { benchSource, childEnv, TS_NODE_FLAGS } from '../process/node-command';
import { type InProcessResults, type InProcessSection, RESULT_PREFIX, SECTION_NODE_FLAGS } from './in-process-sections';

const SECTION_TIMEOUT_MS = 180_000;

/**
 * Runs one in-process section in a fresh child process (its own heap and JIT state, and no HTTP
 * server or load generator sharing its event loop) and resolves with its result. The child's progress
 * lines are passed to `log`.
 */
export function runInChild<S extends InProcessSection>(section: S, plan: BenchPlan, log: (line: string) => void): Promise<InProcessResults[S]> {
  const child = spawn(
    process.execPath,
    [...SECTION_NODE_FLAGS[section], ...TS_NODE_FLAGS, benchSource('in-process/section.main.ts'), section, JSON.stringify(plan)],
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
    const timer = setTimeout(() => child.kill('SIGKILL'), SECTION_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_PREFIX));
      if (code !== 0 || line === undefined) {
        reject(new Error(`section ${section} failed (exit ${code ?? signal}):\n${stderr}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as InProcessResults[S]);
    });
  });
}
