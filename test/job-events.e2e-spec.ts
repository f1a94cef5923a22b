import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createForgeSyteClient, followJob, type ForgeSyteClient, type JobEvent, JobEventsRefusedError } from '@forgesyte/client';
import { makeTempDir } from '../libs/execution/src/testing/temp-dir';
import { waitFor } from './support/async';
import { ADMIN_KEY, type E2eApp, FIXTURE_PLUGINS, startApp, USER_KEY } from './support/e2e-app';
import { collectEvents } from './support/job-events';

jest.setTimeout(60_000);

const HEARTBEAT_MS = 200;
const PLUGINS = [...FIXTURE_PLUGINS, './test/fixtures/plugins/chatty.plugin.js'].join(',');

function idOf(event: JobEvent): string {
  if (event.type === 'error') throw new Error(`an error event: ${JSON.stringify(event.envelope)}`);
  return event.id;
}

describe.each(['memory', 'sqlite'])('job events (Server-Sent Events) with the %s store', (store) => {
  const dir = makeTempDir('job-events');
  let api: E2eApp;
  let port: number;
  let admin: ForgeSyteClient;
  let user: ForgeSyteClient;

  beforeAll(async () => {
    api = await startApp({
      FORGESYTE_JOB_STORE: store,
      FORGESYTE_DATA_DIR: dir.path,
      FORGESYTE_PLUGINS: PLUGINS,
      FORGESYTE_EVENTS_HEARTBEAT_MS: String(HEARTBEAT_MS),
    });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    admin = createForgeSyteClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: ADMIN_KEY });
    user = createForgeSyteClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: USER_KEY });
  });
  afterAll(async () => {
    await api.close();
    dir.remove();
  });

  async function submit(client: ForgeSyteClient, plugin: string, tool: string, args: Record<string, unknown>): Promise<string> {
    const { data, error } = await client.POST('/v1/analyze-execution/async', { body: { plugin, tool, args } as never });
    if (data === undefined) throw new Error(`submission refused: ${JSON.stringify(error)}`);
    return data.job_id;
  }

  it("sends the job's state, each progress report, then its final status, and ends", async () => {
    const jobId = await submit(admin, 'slow-progress', 'count', { steps: 4, delay_ms: 150 });

    const events = await collectEvents(followJob(admin, jobId));

    expect(events[0]).toMatchObject({ type: 'state', job: { job_id: jobId } });
    const last = events[events.length - 1];
    expect(last).toMatchObject({ type: 'status', job: { job_id: jobId, status: 'success', progress: { fraction: 1 } } });
    const fractions = events.flatMap((event) => (event.type === 'progress' ? [event.progress.fraction] : []));
    expect(fractions.length).toBeGreaterThanOrEqual(2);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(new Set(events.map(idOf)).size).toBe(events.length);
  });

  it("tells a running job's status change apart from its progress", async () => {
    const jobId = await submit(admin, 'slow-progress', 'count', { steps: 2, delay_ms: 300 });
    const events = await collectEvents(followJob(admin, jobId));

    const statuses = events.flatMap((event) => (event.type === 'status' || event.type === 'state' ? [event.job.status] : []));
    expect(statuses[statuses.length - 1]).toBe('success');
    expect(events.filter((event) => event.type === 'progress').every((event) => event.type === 'progress' && event.status === 'running')).toBe(true);
  });

  it('resumes with Last-Event-ID without sending again the state last seen', async () => {
    const jobId = await submit(admin, 'slow-progress', 'count', { steps: 5, delay_ms: 200 });
    const controller = new AbortController();
    const first = await collectEvents(followJob(admin, jobId, { signal: controller.signal }), (event) => event.type === 'progress');
    controller.abort();

    const rest = await collectEvents(followJob(admin, jobId, { lastEventId: idOf(first[first.length - 1]) }));

    const ids = [...first, ...rest].map(idOf);
    expect(new Set(ids).size).toBe(ids.length);
    // The first event of the resumed stream is a `state`, and may already be the last.
    expect(rest[rest.length - 1]).toMatchObject({ job: { status: 'success' } });
  });

  it('answers a finished job with its state and ends; resuming from that state is 204 No Content, which tells a client to stop', async () => {
    const jobId = await submit(admin, 'echo', 'echo', { message: 'done' });
    await waitFor(async () => (await admin.GET('/v1/analyze-execution/jobs/{job_id}', { params: { path: { job_id: jobId } } })).data?.status, (status) => status === 'success', 10_000);

    const events = await collectEvents(followJob(admin, jobId));
    const resumed = await collectEvents(followJob(admin, jobId, { lastEventId: idOf(events[0]) }));
    const raw = await fetch(`http://127.0.0.1:${port}/v1/analyze-execution/jobs/${jobId}/events`, { headers: { 'X-API-Key': ADMIN_KEY, 'Last-Event-ID': idOf(events[0]) } });

    expect(events).toEqual([{ type: 'state', id: expect.any(String), job: expect.objectContaining({ job_id: jobId, status: 'success' }) }]);
    expect(resumed).toEqual([]);
    expect(raw.status).toBe(204);
    expect(await raw.text()).toBe('');
  });

  it("ends with the cancelled status when the job is cancelled while followed", async () => {
    const jobId = await submit(admin, 'slow-progress', 'count', { steps: 100, delay_ms: 100 });
    const events = followJob(admin, jobId);
    let next = await events.next();
    while (!next.done && next.value.type !== 'progress') next = await events.next();
    await admin.DELETE('/v1/analyze-execution/jobs/{job_id}', { params: { path: { job_id: jobId } } });

    const rest = await collectEvents({ [Symbol.asyncIterator]: () => events });

    expect(rest[rest.length - 1]).toMatchObject({ type: 'status', job: { status: 'cancelled' } });
  });

  it("refuses another key's job as not found, and a caller without a key", async () => {
    const jobId = await submit(admin, 'echo', 'echo', { message: 'mine' });

    const refused = await collectEvents(followJob(user, jobId)).catch((error: unknown) => error);
    const anonymous = await fetch(`http://127.0.0.1:${port}/v1/analyze-execution/jobs/${jobId}/events`);

    expect(refused).toBeInstanceOf(JobEventsRefusedError);
    expect(refused).toMatchObject({ status: 404, error: { error: { code: 'JOB_NOT_FOUND' } } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('keeps an idle stream alive with comment lines', async () => {
    const jobId = await submit(admin, 'slow-progress', 'count', { steps: 1, delay_ms: 4 * HEARTBEAT_MS });
    const response = await fetch(`http://127.0.0.1:${port}/v1/analyze-execution/jobs/${jobId}/events`, { headers: { 'X-API-Key': ADMIN_KEY } });

    const text = await response.text();

    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(text.split('\n\n').filter((block) => block === ': keep-alive').length).toBeGreaterThanOrEqual(2);
  });

  it('drops a client that does not read, and goes on serving others', async () => {
    // 20,000 reports of 1 KB: far more than the socket buffers hold.
    const jobId = await submit(admin, 'chatty', 'report', { reports: 20_000, message_length: 1000 });
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write(`GET /v1/analyze-execution/jobs/${jobId}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${ADMIN_KEY}\r\n\r\n`);
    socket.pause();
    await waitFor(async () => (await admin.GET('/v1/analyze-execution/jobs/{job_id}', { params: { path: { job_id: jobId } } })).data?.status, (status) => status === 'success', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3 * HEARTBEAT_MS));

    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.resume();
    await closed;
    const text = Buffer.concat(received).toString();

    expect(text).toContain('event: state');
    expect(text).not.toContain('"status":"success"');
    expect(Buffer.byteLength(text)).toBeLessThan(20_000 * 1000);
    const other = await collectEvents(followJob(admin, jobId));
    expect(other).toEqual([expect.objectContaining({ type: 'state', job: expect.objectContaining({ status: 'success' }) })]);
  });
});
