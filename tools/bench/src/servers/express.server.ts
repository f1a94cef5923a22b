// Child process entry: the plain Express 5 baseline, what an Express app costs without Nest or
// governance. The same `express.json` parser with the same size limit as bare Nest, x-powered-by off,
// and one route on the same path answering the same constant JSON body.
import express from 'express';
import { CONSTANT_RESPONSE } from '../baselines/constant-response';
import { benchConfig } from '../bench-config';
import { announceListening, exitWithParent, failStart } from './child-lifecycle';

function main(): void {
  exitWithParent();
  const config = benchConfig();
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: config.bodyLimitBytes, strict: true }));
  app.post('/v1/analyze-execution', (_request, response) => {
    response.status(200).json(CONSTANT_RESPONSE);
  });
  const server = app.listen(config.port, config.host, (error?: Error) => (error === undefined ? announceListening(server) : failStart(error)));
}

try {
  main();
} catch (error) {
  failStart(error);
}
