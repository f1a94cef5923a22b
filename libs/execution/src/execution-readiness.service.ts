import { Inject, Injectable, Logger } from '@nestjs/common';
import { JOB_BACKEND, type JobBackend } from './backend/job-backend';
import { EXECUTION_OPTIONS } from './execution.module-definition';
import type { ExecutionModuleOptions, JobStoreChoice } from './execution.options';
import { JobExecutionService } from './job-execution.service';
import type { QueueAcceptance } from './queue/job-queue';
import type { StoreProbe } from './store/store-probe';

/** How long a store probe's verdict is reused, in ms: a flood of readiness calls makes one probe write a second at most. */
const PROBE_REUSE_MS = 1_000;

/** What readiness needs to know of the job store. */
export interface StoreReadiness {
  readonly kind: JobStoreChoice['kind'];
  /** Whether a real write just succeeded (a SQLite transaction, a Redis `SET`; memory always). */
  readonly takesWrites: boolean;
  /** Why it does not, for the server log only: it may name the database file or the Redis server. */
  readonly problem?: string;
  /** Outcomes of finished jobs the store refused, waiting in memory to be written again. */
  readonly unwrittenOutcomes: number;
}

/**
 * Read-only facts for a readiness check (the API's `GET /v1/health/ready`): whether the job store takes
 * writes now, how many job outcomes wait to be written, whether the queue takes jobs. Cheap: the store
 * probe runs outside the path of job writes, at most once per {@link PROBE_REUSE_MS}, shared by
 * concurrent callers. A store that stops or starts taking writes is logged once per change.
 */
@Injectable()
export class ExecutionReadiness {
  private readonly logger = new Logger('Readiness');
  private probing: Promise<StoreProbe> | undefined;
  private lastProbe: { readonly at: number; readonly found: StoreProbe } | undefined;

  constructor(
    @Inject(JOB_BACKEND) private readonly backend: JobBackend,
    private readonly jobs: JobExecutionService,
    @Inject(EXECUTION_OPTIONS) private readonly options: ExecutionModuleOptions,
  ) {}

  /** The job store's kind, whether it takes writes (a probe at most {@link PROBE_REUSE_MS} old), and the outcomes waiting. */
  async store(): Promise<StoreReadiness> {
    const found = await this.probe();
    const unwrittenOutcomes = this.jobs.unwrittenOutcomes;
    const kind = this.options.store?.kind ?? 'memory';
    return found.ok ? { kind, takesWrites: true, unwrittenOutcomes } : { kind, takesWrites: false, problem: found.problem, unwrittenOutcomes };
  }

  /** Whether a submission would find a place in the queue now; rejects when a shared queue cannot be asked (Redis down). */
  queue(): Promise<QueueAcceptance> {
    return this.backend.queue.acceptance();
  }

  private probe(): Promise<StoreProbe> {
    if (this.lastProbe !== undefined && Date.now() - this.lastProbe.at < PROBE_REUSE_MS) return Promise.resolve(this.lastProbe.found);
    this.probing ??= this.backend
      .probeStore()
      .then((found) => {
        this.report(found);
        this.lastProbe = { at: Date.now(), found };
        return found;
      })
      .finally(() => (this.probing = undefined));
    return this.probing;
  }

  private report(found: StoreProbe): void {
    const before = this.lastProbe?.found;
    if (!found.ok && (before === undefined || before.ok || before.problem !== found.problem)) this.logger.warn(`the job store does not take writes: ${found.problem}`);
    else if (found.ok && before !== undefined && !before.ok) this.logger.log('the job store takes writes again');
  }
}
