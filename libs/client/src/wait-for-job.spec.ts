import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createForgeSyteClient } from './create-forgesyte-client';
import { waitForJob } from './wait-for-job';

const JOB_ID = '3f6c1a52-8a0e-4a59-9a3e-6f1f4d0c2b7e';

describe(waitForJob.name, () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    // A proxy in front of the API that answers with its own error page, not the envelope.
    server = createServer((_, response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('returns an error body that is not the envelope as it came, rather than failing on it', async () => {
    const answer = await waitForJob(createForgeSyteClient({ baseUrl }), JOB_ID, { intervalMs: 10, timeoutMs: 1000 });

    expect(answer.response.status).toBe(502);
    expect(answer.error).toBe('<html><body>502 Bad Gateway</body></html>');
  });
});
