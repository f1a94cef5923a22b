import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** One problem Redocly found in a document. */
export interface LintProblem {
  readonly severity: 'error' | 'warn';
  readonly rule: string;
  readonly message: string;
  readonly pointer?: string;
}

/** The problems of an OpenAPI document under Redocly's `recommended` rules, run in a child process. */
export function lintOpenApi(document: string): LintProblem[] {
  const run = spawnSync(process.execPath, [join(__dirname, 'lint-openapi.cjs')], { input: document, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`Redocly could not lint the document: ${run.stderr}`);
  return JSON.parse(run.stdout) as LintProblem[];
}
