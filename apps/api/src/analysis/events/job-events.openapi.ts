import { EXAMPLE_JOB } from '../../openapi/openapi-examples';

/** What the events route's OpenAPI operation says about the stream. */
export const JOB_EVENTS_DESCRIPTION = [
  'Server-Sent Events of one job, in every store mode (a job running in an `apps/worker` process included).',
  'The first event is `state`: the job as `GET /v1/analyze-execution/jobs/{job_id}` answers it. Then `progress` (`{job_id, status, progress}`) when the tool reports progress,',
  'and `status` (the whole job) when its status or attempt changes. Once the job is finished the last event is sent and the stream ends.',
  'Each event has an `id`; reconnecting with `Last-Event-ID` skips the state that id names (changes in between arrive as one `state`).',
  'Progress reports that come faster than the client reads are merged into the latest. A comment line (`: keep-alive`) is sent every `FORGESYTE_EVENTS_HEARTBEAT_MS`;',
  'a client that takes nothing for that long while an event waits is disconnected. A store failure mid-stream is sent as an `error` event carrying the error envelope, and the stream ends.',
].join(' ');

const RUNNING = { ...EXAMPLE_JOB, status: 'running', started_at: EXAMPLE_JOB.created_at };
const SUCCEEDED = { ...RUNNING, status: 'success', completed_at: EXAMPLE_JOB.created_at, duration_ms: 412, progress: { fraction: 1, message: 'page 2 of 2' }, plugin_version: '1.0.0' };

/** An example stream of a job that reported progress once and succeeded. */
export const EXAMPLE_JOB_EVENTS = [
  `event: state\nid: Qm1vRXh0cmFjdGVk\ndata: ${JSON.stringify(RUNNING)}\n`,
  `event: progress\nid: U0l4cHJvZ3Jlc3M1\ndata: ${JSON.stringify({ job_id: EXAMPLE_JOB.job_id, status: 'running', progress: { fraction: 0.5, message: 'page 1 of 2' } })}\n`,
  `event: status\nid: ZG9uZVN1Y2Nlc3M0\ndata: ${JSON.stringify(SUCCEEDED)}\n`,
].join('\n');
