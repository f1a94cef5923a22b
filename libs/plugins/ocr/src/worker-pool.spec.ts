import { type PoolWorkerFactory, WorkerPool } from './worker-pool';

/** A fake worker: its id, and whether it has been stopped. */
interface FakeWorker {
  readonly id: number;
  stopped: boolean;
}

/** A factory double that records every start and stop; `failNextStart` makes the next start reject. */
class RecordingFactory implements PoolWorkerFactory<FakeWorker> {
  readonly started: FakeWorker[] = [];
  failNextStart = false;

  async start(): Promise<FakeWorker> {
    if (this.failNextStart) {
      this.failNextStart = false;
      throw new Error('engine would not start');
    }
    const worker = { id: this.started.length + 1, stopped: false };
    this.started.push(worker);
    return worker;
  }

  async stop(worker: FakeWorker): Promise<void> {
    worker.stopped = true;
  }

  get running(): number {
    return this.started.filter((worker) => !worker.stopped).length;
  }
}

/** A task that holds its worker until `finish` is called, and records which worker it got. */
function heldTask() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const task = { worker: undefined as FakeWorker | undefined, finish, run: async (worker: FakeWorker) => {
    task.worker = worker;
    await done;
    return worker.id;
  } };
  return task;
}

const live = (): AbortSignal => new AbortController().signal;
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe(WorkerPool.name, () => {
  let factory: RecordingFactory;
  let pool: WorkerPool<FakeWorker>;

  beforeEach(() => {
    factory = new RecordingFactory();
    pool = new WorkerPool(2, factory);
  });

  afterEach(() => pool.dispose());

  it('starts workers on first need and reuses them', async () => {
    expect(pool.size).toBe(0);

    await pool.use(live(), async (worker) => worker.id);
    await pool.use(live(), async (worker) => worker.id);

    expect(factory.started).toHaveLength(1);
    expect(pool.size).toBe(1);
  });

  it('starts every worker when warmed', async () => {
    await pool.warm();

    expect(factory.started).toHaveLength(2);
  });

  it('lends each worker to one call at a time and queues calls beyond its capacity in order', async () => {
    const tasks = [heldTask(), heldTask(), heldTask(), heldTask()];
    const results = tasks.map((task) => pool.use(live(), task.run));
    await tick();

    expect(tasks.map((task) => task.worker?.id)).toEqual([1, 2, undefined, undefined]);
    tasks[1].finish();
    await tick();
    expect(tasks[2].worker?.id).toBe(2);
    tasks[0].finish();
    tasks[2].finish();
    await tick();
    expect(tasks[3].worker?.id).toBe(1);
    tasks[3].finish();
    await expect(Promise.all(results)).resolves.toEqual([1, 2, 2, 1]);
    expect(factory.started).toHaveLength(2);
  });

  it('rejects a queued call with its signal reason when it aborts, and serves the next one instead', async () => {
    const holders = [heldTask(), heldTask()];
    const held = holders.map((task) => pool.use(live(), task.run));
    const controller = new AbortController();
    const abandoned = pool.use(controller.signal, async () => 'never');
    const next = pool.use(live(), async (worker) => `next on ${worker.id}`);

    controller.abort(new Error('caller went away'));

    await expect(abandoned).rejects.toThrow('caller went away');
    holders[0].finish();
    await expect(next).resolves.toBe('next on 1');
    holders[1].finish();
    await Promise.all(held);
  });

  it('rejects a running call at once when it aborts, stops its worker and starts a fresh one in its place', async () => {
    const controller = new AbortController();
    const stuck = heldTask();
    const call = pool.use(controller.signal, stuck.run);
    await tick();

    controller.abort(new Error('deadline exceeded'));

    await expect(call).rejects.toThrow('deadline exceeded');
    expect(stuck.worker?.stopped).toBe(true);
    await expect(pool.use(live(), async (worker) => worker.id)).resolves.toBe(2);
    expect(factory.running).toBe(1);
    expect(pool.size).toBe(1);
  });

  it('rejects without starting anything when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));

    await expect(pool.use(controller.signal, async () => 'never')).rejects.toThrow('too late');
    expect(factory.started).toHaveLength(0);
  });

  it('replaces the worker of a task that failed by itself', async () => {
    await expect(pool.use(live(), async () => Promise.reject(new Error('bad page')))).rejects.toThrow('bad page');

    await expect(pool.use(live(), async (worker) => worker.id)).resolves.toBe(2);
    expect(factory.started[0].stopped).toBe(true);
  });

  it('reports a failed start to the call that waited for it and retries the start on the next call', async () => {
    factory.failNextStart = true;

    await expect(pool.use(live(), async () => 'never')).rejects.toThrow('engine would not start');
    expect(pool.size).toBe(0);
    await expect(pool.use(live(), async (worker) => worker.id)).resolves.toBe(1);
  });

  it('rejects waiting and running calls when disposed, and stops every worker', async () => {
    const running = [heldTask(), heldTask()].map((task) => pool.use(live(), task.run));
    const queued = pool.use(live(), async () => 'never');
    await tick();

    await pool.dispose(new Error('shutting down'));

    await expect(Promise.all(running)).rejects.toThrow('shutting down');
    await expect(queued).rejects.toThrow('shutting down');
    expect(factory.running).toBe(0);
    expect(pool.size).toBe(0);
    await expect(pool.use(live(), async () => 'never')).rejects.toThrow('shutting down');
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new WorkerPool(0, factory)).toThrow('WorkerPool capacity must be a positive integer; got 0.');
  });
});
