import {
  ForbiddenError,
  ForgeSyteError,
  JobNotFoundError,
  KeyConflictError,
  KeyNotFoundError,
  PayloadTooLargeError,
  PluginNotFoundError,
  StoreUnavailableError,
} from '@forgesyte/errors';
import type { JobOutcomeResponse, JobResponse, SyncResultResponse } from '../analysis/dto/job.response';
import { AnalyzeRequestDto } from '../analysis/dto/analyze-request.dto';
import { ListJobsQueryPipe } from '../analysis/list-jobs-query.pipe';
import { noKeyError } from '../auth/authenticate';
import { bootstrapKeyRefusal } from '../keys/bootstrap-key-refusal';
import { CreateKeyBodyPipe } from '../keys/key-body.pipe';
import { PageQueryPipe } from '../keys/page-query.pipe';
import { notAnObjectError } from '../http/parse-json-body';
import { DtoCheck } from '../validation/dto-check';
import { EXAMPLE_JOB_ID, EXAMPLE_KEY_ID, EXAMPLE_PLUGIN, EXAMPLE_TIMESTAMP, EXAMPLE_TOOL } from './example-values';

export { EXAMPLE_JOB_ID, EXAMPLE_REQUEST_ID, EXAMPLE_TIME } from './example-values';

/**
 * What `refuse` throws: the server's own answer to a bad request, so that an example says exactly what
 * the server sends (its message built from the same rules), never a retyped copy.
 */
function refusal(refuse: () => unknown): ForgeSyteError {
  try {
    refuse();
  } catch (error) {
    if (error instanceof ForgeSyteError) return error;
    throw error;
  }
  throw new Error('The example request was accepted: give the example one the server refuses.');
}

/** The errors every route behind an API key can answer: no key, a key without the scope, a large body. */
export function keyErrors(scope: string): Record<401 | 403 | 413, ForgeSyteError> {
  return {
    401: noKeyError(),
    403: new ForbiddenError(scope),
    413: new PayloadTooLargeError('64kb', { setting: 'FORGESYTE_SMALL_BODY_LIMIT' }),
  };
}

/** The 400 of an analyze body whose plugin name breaks the name rule. */
export const invalidAnalyzeBody = (): ForgeSyteError => refusal(() => new DtoCheck('body', AnalyzeRequestDto).check({ plugin: 'Your_Plugin' }));

/** The 400 of `GET …/jobs?limit=500`. */
export const invalidJobQuery = (): ForgeSyteError => refusal(() => new ListJobsQueryPipe().transform({ limit: '500' }));

/** The 400 of a route that takes no body, when one is sent anyway and is not a JSON object. */
export const bodyNotAnObject = (): ForgeSyteError => notAnObjectError([]);

/** The 400 of a key body with an unknown scope. */
export const invalidKeyBody = (): ForgeSyteError => refusal(() => new CreateKeyBodyPipe().transform({ name: 'ci', scopes: ['analyse'] }));

/** The 400 of `GET /v1/keys?limit=500`. */
export const invalidPageQuery = (): ForgeSyteError => refusal(() => new PageQueryPipe().transform({ limit: '500' }));

/** The key the path names is not stored. */
export const keyNotFound = (): ForgeSyteError => new KeyNotFoundError(EXAMPLE_KEY_ID);

/** The 409 of a key change that other requests' changes of the same key beat every time. */
export const keyConflict = (): ForgeSyteError => new KeyConflictError(EXAMPLE_KEY_ID, 16);

/** The path names the bootstrap admin key, which the API cannot revoke. */
export const bootstrapKeyRefused = (): ForgeSyteError => bootstrapKeyRefusal('key_5d41402abc4b2a76', 'FORGESYTE_ADMIN_KEY', 'revoke');

/** The job the path names does not exist (or belongs to another key). */
export const jobNotFound = (): ForgeSyteError => new JobNotFoundError(EXAMPLE_JOB_ID);

/** The plugin the path names does not exist. */
export const pluginNotFound = (): ForgeSyteError => new PluginNotFoundError('your-plugni', [EXAMPLE_PLUGIN]);

/** The job store is down. */
export const storeUnavailable = (operation: 'read' | 'write'): ForgeSyteError => new StoreUnavailableError(operation);

/** A job just submitted. */
export const EXAMPLE_JOB: JobResponse = {
  job_id: EXAMPLE_JOB_ID,
  plugin: EXAMPLE_PLUGIN,
  tool: EXAMPLE_TOOL,
  mode: 'async',
  status: 'pending',
  priority: 5,
  created_at: EXAMPLE_TIMESTAMP,
  started_at: null,
  completed_at: null,
  duration_ms: null,
  progress: null,
  attempt: 1,
  attempts: 3,
  attempt_errors: [],
  next_attempt_at: null,
  plugin_version: null,
};

/** What the example tool returns: whatever its output schema describes. */
const EXAMPLE_RESULT = { label: 'example', score: 0.93 };

/** A finished job with its result. */
export const EXAMPLE_JOB_OUTCOME: JobOutcomeResponse = {
  ...EXAMPLE_JOB,
  status: 'success',
  started_at: EXAMPLE_TIMESTAMP,
  completed_at: EXAMPLE_TIMESTAMP,
  duration_ms: 4.217,
  plugin_version: '1.0.0',
  result: EXAMPLE_RESULT,
};

/** A sync analysis' answer. */
export const EXAMPLE_SYNC_RESULT: SyncResultResponse = {
  job_id: EXAMPLE_JOB_ID,
  plugin: EXAMPLE_PLUGIN,
  tool: EXAMPLE_TOOL,
  status: 'success',
  result: EXAMPLE_RESULT,
  duration_ms: 4.217,
};
