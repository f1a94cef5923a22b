// Child process entry: the raw node:http baseline. Reads and parses the JSON body (as the other
// targets do) and answers the same constant JSON body; nothing else.
import { createServer } from 'node:http';
import { CONSTANT_RESPONSE_JSON } from '../baselines/constant-response';
import { benchConfig } from '../bench-config';
import { announceListening, exitWithParent, failStart } from './child-lifecycle';

const body = Buffer.from(CONSTANT_RESPONSE_JSON);

function main(): void {
  exitWithParent();
  const config = benchConfig();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        response.writeHead(400).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
      response.end(body);
    });
  });
  server.listen(config.port, config.host, () => announceListening(server));
}

try {
  main();
} catch (error) {
  failStart(error);
}
