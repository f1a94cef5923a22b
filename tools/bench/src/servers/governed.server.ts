// Child process entry: the real ForgeSyte API as `npm start` runs it (apps/api/src/main.ts): the
// configuration read by `loadConfig` from this process's environment (the bench sets it: see
// `governedEnv`), `createApp` with its default logging, listening on a port the OS picks. The HTTP
// benchmark's governed targets, one per job store.
import { createApp } from '../../../../apps/api/src/bootstrap';
import { loadConfig } from '../../../../apps/api/src/config/load-config';
import { announceListening, exitWithParent, failStart } from './child-lifecycle';

async function main(): Promise<void> {
  exitWithParent();
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  announceListening(app.getHttpServer());
}

main().catch(failStart);
