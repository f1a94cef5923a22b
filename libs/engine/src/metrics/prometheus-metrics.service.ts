import { Injectable } from '@nestjs/common';
import { JOB_STATUSES, type JobLoad, type JobMetrics, type JobMode } from '@forgesyte/execution';
import { LIFECYCLE_STATES, PluginRegistry } from '@forgesyte/registry';
import type { RuntimeMetrics, WorkerThreadEvent } from '@forgesyte/runtime';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LabelChildren } from './label-children';
import { EXECUTION_SECONDS_BUCKETS, METRIC_PREFIX } from './metric-names';

const JOB_MODES: readonly JobMode[] = ['sync', 'async', 'mcp'];

/**
 * The process's Prometheus registry (one per application, never prom-client's global one) and the
 * metrics the libs report through their ports ({@link RuntimeMetrics}, {@link JobMetrics}). Counters and
 * histograms are fed on the hot path through label children bound once; gauges of state (queue, plugins)
 * are read only when the registry is scraped.
 */
@Injectable()
export class PrometheusMetrics implements RuntimeMetrics, JobMetrics {
  /** Where every ForgeSyte metric of this process is registered; the app adds its own (HTTP) here too. */
  readonly registry = new Registry();
  /** The execution histogram's children, by plugin, tool and outcome. */
  private readonly executionSeconds: LabelChildren<Histogram.Internal<'plugin' | 'tool' | 'outcome'>>;
  /** The jobs counter's children, by status and mode: two for every job. */
  private readonly jobs: LabelChildren<Counter.Internal>;
  private readonly threads: Record<WorkerThreadEvent, Counter<'plugin'>>;
  private readonly replays: Counter;
  private readonly refusals: Counter<'reason'>;
  private jobLoad: () => JobLoad = () => ({ waiting: 0, running: 0, slotsInUse: 0 });

  constructor(private readonly plugins: PluginRegistry) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    const executionSeconds = new Histogram({
      name: `${METRIC_PREFIX}tool_execution_duration_seconds`,
      help: 'ToolRunner calls by plugin, tool and outcome (success or the error code), recorded where the plugin registry counts them.',
      labelNames: ['plugin', 'tool', 'outcome'],
      buckets: [...EXECUTION_SECONDS_BUCKETS],
      registers,
    });
    this.executionSeconds = new LabelChildren((plugin, tool, outcome) => executionSeconds.labels(plugin, tool, outcome));
    const jobs = new Counter({
      name: `${METRIC_PREFIX}jobs_total`,
      help: 'Jobs that reached each status in this process (stored, started, ended), by mode.',
      labelNames: ['status', 'mode'],
      registers,
    });
    // Every series starts at 0, so that rate() sees the first job (a sync job is never stored pending).
    this.jobs = new LabelChildren((status, mode) => jobs.labels(status, mode));
    for (const status of JOB_STATUSES) for (const mode of JOB_MODES) if (status !== 'pending' || mode === 'async') this.jobs.of(status, mode).inc(0);
    this.threads = {
      started: this.threadCounter('started', 'Worker threads started, by plugin.'),
      terminated: this.threadCounter('terminated', 'Worker threads terminated because a tool ignored its deadline or cancel, by plugin.'),
      crashed: this.threadCounter('crashed', 'Worker threads that crashed (a throw outside a call, out of memory, process.exit), by plugin.'),
    };
    this.replays = new Counter({
      name: `${METRIC_PREFIX}idempotent_replays_total`,
      help: 'Async submissions answered with the job an earlier submission with the same Idempotency-Key made.',
      registers,
    });
    this.refusals = new Counter({
      name: `${METRIC_PREFIX}overloaded_refusals_total`,
      help: 'Calls and submissions refused OVERLOADED, by reason (queue_full, sync_busy, shutting_down).',
      labelNames: ['reason'],
      registers,
    });
    this.registerGauges();
  }

  toolCallEnded(plugin: string, tool: string, outcome: string, durationMs: number): void {
    this.executionSeconds.of(plugin, tool, outcome).observe(durationMs / 1000);
  }

  workerThread(plugin: string, event: WorkerThreadEvent): void {
    this.threads[event].labels(plugin).inc();
  }

  jobEntered(status: string, mode: string): void {
    this.jobs.of(status, mode).inc();
  }

  idempotentReplay(): void {
    this.replays.inc();
  }

  overloaded(reason: string): void {
    this.refusals.labels(reason).inc();
  }

  watchLoad(read: () => JobLoad): void {
    this.jobLoad = read;
  }

  private threadCounter(event: WorkerThreadEvent, help: string): Counter<'plugin'> {
    return new Counter({ name: `${METRIC_PREFIX}worker_threads_${event}_total`, help, labelNames: ['plugin'], registers: [this.registry] });
  }

  /** Gauges read when scraped: the job load of this process, and each plugin's in-flight calls, state and breaker. */
  private registerGauges(): void {
    const registers = [this.registry];
    const waiting: Gauge = new Gauge({
      name: `${METRIC_PREFIX}queue_waiting_jobs`,
      help: 'Async jobs waiting in the queue (Redis: the shared queue, as this process last counted it).',
      registers,
      collect: () => waiting.set(this.jobLoad().waiting),
    });
    const running: Gauge = new Gauge({
      name: `${METRIC_PREFIX}jobs_running`,
      help: 'Jobs running in this process, sync and async.',
      registers,
      collect: () => running.set(this.jobLoad().running),
    });
    const slots: Gauge = new Gauge({
      name: `${METRIC_PREFIX}executor_slots_in_use`,
      help: 'Executor slots taken by async jobs running in this process.',
      registers,
      collect: () => slots.set(this.jobLoad().slotsInUse),
    });
    const plugins = this.plugins;
    new Gauge({
      name: `${METRIC_PREFIX}plugin_in_flight`,
      help: 'Calls of each plugin running now.',
      labelNames: ['plugin'],
      registers,
      collect(this: Gauge<'plugin'>) {
        for (const entry of plugins.list()) this.labels(entry.name).set(entry.metrics.inFlight);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}plugin_breaker_open`,
      help: 'Whether the crash breaker of each plugin is open (1: suspended, UNAVAILABLE until its cool-down ends).',
      labelNames: ['plugin'],
      registers,
      collect(this: Gauge<'plugin'>) {
        for (const entry of plugins.entriesList()) this.labels(entry.name).set(entry.isSuspended ? 1 : 0);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}plugin_state`,
      help: 'The lifecycle state of each plugin (1 for its current state, 0 for the others).',
      labelNames: ['plugin', 'state'],
      registers,
      collect(this: Gauge<'plugin' | 'state'>) {
        for (const entry of plugins.entriesList()) {
          const current = entry.state;
          for (const state of LIFECYCLE_STATES) this.labels(entry.name, state).set(state === current ? 1 : 0);
        }
      },
    });
  }
}
