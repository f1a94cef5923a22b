import type { AsyncServiceFigures } from '../sections/async-service.section';
import type { MemoryFigures } from '../sections/memory.section';
import type { RequestValidationFigures } from '../sections/request-validation.section';
import type { RunnerOverheadFigures } from '../sections/runner-overhead.section';
import type { WorkerTierFigures } from '../sections/worker-tier.section';

/** What each in-process section reports, by section name. */
export interface InProcessResults {
  readonly 'runner-overhead': RunnerOverheadFigures;
  readonly 'request-validation': RequestValidationFigures;
  readonly 'worker-tier': WorkerTierFigures;
  readonly 'async-service': AsyncServiceFigures;
  readonly memory: MemoryFigures;
}

/** The sections that run inside a child process, against the services (no HTTP). */
export type InProcessSection = keyof InProcessResults;

/** The line prefix a section child writes its JSON results after. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Extra node flags per section: memory forces GC before it samples. */
export const SECTION_NODE_FLAGS: Readonly<Record<InProcessSection, readonly string[]>> = {
  'runner-overhead': [],
  'request-validation': [],
  'worker-tier': [],
  'async-service': [],
  memory: ['--expose-gc'],
};

/** The node flags of a child that runs `sections`: every flag any of them needs, once. */
export function nodeFlagsOf(sections: readonly InProcessSection[]): string[] {
  return [...new Set(sections.flatMap((section) => SECTION_NODE_FLAGS[section]))];
}

/** Whether `name` is an in-process section (the child checks the names it is given). */
export function isInProcessSection(name: string): name is InProcessSection {
  return Object.hasOwn(SECTION_NODE_FLAGS, name);
}
