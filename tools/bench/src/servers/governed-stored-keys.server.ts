// Child process entry: the governed API of `governed.server.ts`, holding BENCH_STORED_KEYS stored API
// keys before it listens, created through the product's own `ApiKeyService` (as `POST /v1/keys` creates
// them) in its memory store, the one it authenticates against. Prints the key of one of them in the
// middle (`BENCH_STORED_KEY fsk_…`, scope `analyze`) for the bench to send.
import { ApiKeyService } from '@forgesyte/keys';
import { createApp } from '../../../../apps/api/src/bootstrap';
import { loadConfig } from '../../../../apps/api/src/config/load-config';
import { announceListening, exitWithParent, failStart } from './child-lifecycle';

async function main(): Promise<void> {
  exitWithParent();
  const config = loadConfig(process.env);
  const app = await createApp(config);
  const keys = app.get(ApiKeyService);
  const count = Number(process.env.BENCH_STORED_KEYS);
  let sent = '';
  for (let index = 0; index < count; index += 1) {
    const created = await keys.create({ name: `bench-${index}`, scopes: ['analyze'] }, { id: 'bench' });
    if (index === Math.floor(count / 2)) sent = created.key;
  }
  process.stdout.write(`BENCH_STORED_KEY ${sent}\n`);
  await app.listen(config.port, config.host);
  announceListening(app.getHttpServer());
}

main().catch(failStart);
