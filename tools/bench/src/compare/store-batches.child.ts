// A child process of `npm run bench:compare-stores`: one build's ForgeSyte on one job store (the API's
// services in this process, as `npm run bench:stores` runs them, and on Redis its own `apps/worker`
// processes), running batches of async no-op jobs when its parent asks. The parent copies this file into
// the other build's checkout, so it uses only what every build's bench has had since the job-store
// section was written: `ForgeSyteStoreTarget.start(kind, concurrency)` and `runAsyncBatch(context, jobs)`.
//
// argv: one JSON argument, `{ "target": StoreTargetKind, "concurrency": number }`.
// IPC: sends `{ ready: true }` once started; answers each `{ jobs }` with `{ jobsPerSecond }` or `{ error }`.
import { runAsyncBatch } from '../sections/async-service.section';
import { ForgeSyteStoreTarget, type StoreTargetKind } from '../stores/forgesyte-store.target';

async function main(): Promise<void> {
  const { target, concurrency } = JSON.parse(process.argv[2]) as { target: StoreTargetKind; concurrency: number };
  const started = await ForgeSyteStoreTarget.start(target, concurrency);
  const send = (message: object): void => void process.send?.(message);
  process.on('message', (message: { jobs: number }) => {
    runAsyncBatch(started.context, message.jobs).then(
      (jobsPerSecond) => send({ jobsPerSecond }),
      (error: unknown) => send({ error: String(error) }),
    );
  });
  // Its `apps/worker` processes have process groups of their own: stopping this child stops them first.
  const shutdown = (): void => void started.stop().finally(() => process.exit(0));
  process.on('disconnect', shutdown);
  process.on('SIGTERM', shutdown);
  send({ ready: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`store batches child failed: ${String(error)}\n`);
  process.exit(1);
});
