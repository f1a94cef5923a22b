// Child process entry: the raw BullMQ baseline's worker. A plain BullMQ Worker with a no-op processor
// returning the no-op plugin's result, at the concurrency ForgeSyte's workers use, on the queue named
// by the arguments: redis URL, queue name, concurrency.
import { Worker } from 'bullmq';
import contract from '../plugins/bench-noop.contract.json';

const [url, queueName, concurrency] = process.argv.slice(2);
const worker = new Worker(queueName, () => Promise.resolve(contract.result), {
  connection: { url, maxRetriesPerRequest: null },
  concurrency: Number(concurrency),
});
worker.on('error', () => undefined);
void worker.waitUntilReady().then(() => process.stdout.write('raw worker ready\n'));
process.on('SIGTERM', () => void worker.close().finally(() => process.exit(0)));
