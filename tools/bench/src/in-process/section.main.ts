// Child process entry of in-process sections: `section.main.ts <section>[,<section>…] <plan JSON>`. Boots
// the services once, waits until the bench writes `run` to stdin and closes it, runs the sections one
// after the other in the order given, and prints their results by section name as one
// `BENCH_RESULT {json}` line on stdout; progress goes to stderr.
import { benchConfig } from '../bench-config';
import type { BenchPlan } from '../bench-plan';
import { benchAsyncService } from '../sections/async-service.section';
import { benchMemory } from '../sections/memory.section';
import { benchRequestValidation } from '../sections/request-validation.section';
import { benchRunnerOverhead } from '../sections/runner-overhead.section';
import { benchWorkerTier } from '../sections/worker-tier.section';
import { type InProcessResults, type InProcessSection, isInProcessSection, RESULT_PREFIX } from './in-process-sections';
import { createServiceContext, type ServiceContext } from './service-context';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function run(section: InProcessSection, context: ServiceContext, plan: BenchPlan): Promise<InProcessResults[InProcessSection]> {
  switch (section) {
    case 'runner-overhead':
      return benchRunnerOverhead(context, plan.runner);
    case 'request-validation':
      return Promise.resolve(benchRequestValidation(plan.validation));
    case 'worker-tier':
      return benchWorkerTier(context, plan.workerTier, log);
    case 'async-service':
      return benchAsyncService(context, plan.asyncService, benchConfig().maxConcurrency, log);
    case 'memory':
      return benchMemory(context, plan.memory);
  }
}

function sectionsOf(names: string): InProcessSection[] {
  return names.split(',').map((name) => {
    if (!isInProcessSection(name)) throw new Error(`unknown in-process section '${name}'`);
    return name;
  });
}

/** Resolves once stdin said `run` and closed; rejects when it closed without (the bench went away). */
async function untilTheBenchSaysRun(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  if (input.trim() !== 'run') throw new Error('stdin closed before the bench said run');
}

async function main(): Promise<void> {
  const [names, planJson] = process.argv.slice(2) as [string, string];
  const sections = sectionsOf(names);
  const plan = JSON.parse(planJson) as BenchPlan;
  const context = await createServiceContext({ workerPlugin: sections.includes('worker-tier') });
  const results: Partial<Record<InProcessSection, InProcessResults[InProcessSection]>> = {};
  try {
    await untilTheBenchSaysRun();
    for (const section of sections) results[section] = await run(section, context, plan);
  } finally {
    await context.close();
  }
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(results)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`section failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
