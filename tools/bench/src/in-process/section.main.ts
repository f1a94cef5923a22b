// Child process entry of one in-process section: `section.main.ts <section> <plan JSON>`. Boots the
// services, runs the section, prints its result as one `BENCH_RESULT {json}` line on stdout; progress
// goes to stderr.
import { benchConfig } from '../bench-config';
import type { BenchPlan } from '../bench-plan';
import { benchAsyncService } from '../sections/async-service.section';
import { benchMemory } from '../sections/memory.section';
import { benchRunnerOverhead } from '../sections/runner-overhead.section';
import { benchWorkerTier } from '../sections/worker-tier.section';
import { type InProcessResults, type InProcessSection, RESULT_PREFIX } from './in-process-sections';
import { createServiceContext, type ServiceContext } from './service-context';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function run(section: InProcessSection, context: ServiceContext, plan: BenchPlan): Promise<InProcessResults[InProcessSection]> {
  switch (section) {
    case 'runner-overhead':
      return benchRunnerOverhead(context, plan.runner);
    case 'worker-tier':
      return benchWorkerTier(context, plan.workerTier, log);
    case 'async-service':
      return benchAsyncService(context, plan.asyncService, benchConfig().maxConcurrency, log);
    case 'memory':
      return benchMemory(context, plan.memory);
  }
}

async function main(): Promise<void> {
  const [section, planJson] = process.argv.slice(2) as [InProcessSection, string];
  const plan = JSON.parse(planJson) as BenchPlan;
  const context = await createServiceContext({ workerPlugin: section === 'worker-tier' });
  let result: InProcessResults[InProcessSection];
  try {
    result = await run(section, context, plan);
  } finally {
    await context.close();
  }
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`section failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
