import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../bench-config';

/** Where `--write` puts the latest results. */
export const RESULTS_PATH = join(REPO_ROOT, 'tools', 'bench', 'RESULTS.md');

/** Writes RESULTS.md: how to reproduce and read the numbers, then the run's report. */
export function writeResultsFile(report: string): void {
  const text = [
    '# Benchmark results',
    '',
    'Written by `npm run bench -- --write` from the run below (regenerate it the same way; `npm run bench` alone',
    'only prints). The machine is shared: absolute numbers move from run to run with whatever',
    'else runs, so read the ratios and differences, which are measured side by side in the same run.',
    '',
    report,
  ].join('\n');
  writeFileSync(RESULTS_PATH, text);
}
