// Child process entry: the real ForgeSyte API (createApp + loadConfig), logging off, listening on a
// port the OS picks. The HTTP benchmark's governed target.
import { createApp } from '../../../../apps/api/src/bootstrap';
import { benchConfig } from '../bench-config';
import { announceListening, exitWithParent, failStart } from './child-lifecycle';

async function main(): Promise<void> {
  exitWithParent();
  const config = benchConfig();
  const app = await createApp(config, { logLevels: false });
  await app.listen(config.port, config.host);
  announceListening(app.getHttpServer());
}

main().catch(failStart);
