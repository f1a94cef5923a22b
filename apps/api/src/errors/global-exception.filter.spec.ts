import { Logger, NotFoundException } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Test } from '@nestjs/testing';
import {
  ExecutionFailedError,
  JobNotFoundError,
  OverloadedError,
  PluginNotFoundError,
  PluginRunError,
  RateLimitedError,
  StoreUnavailableError,
} from '@forgesyte/errors';
import { FakeResponse } from '../testing/fake-response';
import { GlobalExceptionFilter } from './global-exception.filter';

/** The parts of an express request the filter reads; `params` is absent before a route matched. */
interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly params?: Record<string, string>;
}

describe(GlobalExceptionFilter.name, () => {
  let filter: GlobalExceptionFilter;
  let logError: jest.SpyInstance;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({ providers: [GlobalExceptionFilter] }).compile();
    filter = moduleRef.get(GlobalExceptionFilter);
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  function handle(exception: unknown, headers: Record<string, string> = {}): FakeResponse {
    return handleRequest(exception, { method: 'POST', path: '/v1/analyze-execution', headers, params: {} });
  }

  function handleRequest(exception: unknown, request: FakeRequest): FakeResponse {
    const response = new FakeResponse();
    filter.catch(exception, new ExecutionContextHost([request, response]));
    return response;
  }

  it('answers a domain error with its status and envelope', () => {
    const response = handleRequest(new JobNotFoundError('job-1'), { method: 'GET', path: '/v1/analyze-execution/jobs/job-1', headers: {}, params: { job_id: 'job-1' } });

    expect(response.statusCode).toBe(404);
    expect(response.body?.error).toMatchObject({ code: 'JOB_NOT_FOUND', type: 'NotFoundError', job_id: 'job-1', retryable: false });
  });

  it('logs which job a redacted execution failure belongs to, with the request id', () => {
    const logWarn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const failure = new PluginRunError('boom at /srv/secret/x.js:1', { plugin: 'p', tool: 't', jobId: 'job-7' }).toBody();

    const response = handle(new ExecutionFailedError(failure), { 'x-request-id': 'req-7' });

    expect(response.body?.error.message).toBe('boom at <path>:1');
    expect(logWarn).toHaveBeenCalledWith(expect.stringMatching(/^request req-7 POST \/v1\/analyze-execution: job job-7 failed with PLUGIN_ERROR/));
  });

  it('puts the request id and a timestamp in the envelope', () => {
    const response = handle(new JobNotFoundError('job-1'), { 'x-request-id': 'req-42' });

    expect(response.body?.error.request_id).toBe('req-42');
    expect(new Date(response.body?.error.timestamp ?? '').toISOString()).toBe(response.body?.error.timestamp);
  });

  it('echoes the request id in the X-Request-Id header', () => {
    const response = handle(new JobNotFoundError('job-1'), { 'x-request-id': 'req-42' });

    expect(response.headers.get('x-request-id')).toBe('req-42');
  });

  it('uses the same generated request id in the header and the body when the caller sent none', () => {
    const response = handle(new JobNotFoundError('job-1'));

    expect(response.headers.get('x-request-id')).toBe(response.body?.error.request_id);
    expect(response.body?.error.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an OverloadedError with 429 and a Retry-After header', () => {
    const response = handle(new OverloadedError(3, 10));

    expect(response.statusCode).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
  });

  it('answers a RateLimitedError with 429 and a Retry-After header', () => {
    const response = handle(new RateLimitedError(7));

    expect(response.statusCode).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('answers a StoreUnavailableError with 503 and a Retry-After header', () => {
    const response = handle(new StoreUnavailableError('write', 2));

    expect(response.statusCode).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
  });

  it('sends no Retry-After header for an error without a retry delay', () => {
    expect(handle(new JobNotFoundError('job-1')).headers.has('retry-after')).toBe(false);
  });

  it('answers an unknown plugin named in the body with 400 PLUGIN_NOT_FOUND', () => {
    const response = handle(new ExecutionFailedError(new PluginNotFoundError('ocr', []).toBody()));

    expect(response.statusCode).toBe(400);
    expect(response.body?.error.code).toBe('PLUGIN_NOT_FOUND');
  });

  it('answers an unknown plugin named in the path with 404 PLUGIN_NOT_FOUND', () => {
    const request = { method: 'GET', path: '/v1/plugins/ocr/health', headers: {}, params: { name: 'ocr' } };

    const response = handleRequest(new PluginNotFoundError('ocr', []), request);

    expect(response.statusCode).toBe(404);
    expect(response.body?.error.code).toBe('PLUGIN_NOT_FOUND');
  });

  it('answers a failed job by the code it carries, with the Retry-After its error states', () => {
    const failure = new StoreUnavailableError('write', 3, { jobId: 'job-9' }).toBody();

    const response = handle(new ExecutionFailedError(failure));

    expect(response.statusCode).toBe(503);
    expect(response.headers.get('retry-after')).toBe('3');
  });

  it('answers an error thrown before any route matched (no path parameters) by its code', () => {
    const response = handleRequest(new PluginNotFoundError('ocr', []), { method: 'GET', path: '/v1/plugins/ocr', headers: {} });

    expect(response.statusCode).toBe(400);
  });

  it('answers the framework 404 of an unknown route with ROUTE_NOT_FOUND', () => {
    const response = handle(new NotFoundException('Cannot POST /v1/analyze-execution'));

    expect(response.statusCode).toBe(404);
    expect(response.body?.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('answers an unexpected Error with 400 INTERNAL', () => {
    const response = handle(new Error('boom'));

    expect(response.statusCode).toBe(400);
    expect(response.body?.error).toMatchObject({ code: 'INTERNAL', type: 'InternalError', retryable: true });
  });

  it('answers a thrown non-Error value with 400 INTERNAL', () => {
    const response = handle('a string, not an Error');

    expect(response.statusCode).toBe(400);
    expect(response.body?.error.code).toBe('INTERNAL');
  });

  it('never puts the cause message, stack or a file path in an INTERNAL body', () => {
    const cause = new Error('password=hunter2 in /srv/forgesyte/secret.ts');

    const body = JSON.stringify(handle(cause).body);

    expect(body).not.toContain('hunter2');
    expect(body).not.toContain('/srv/forgesyte');
    expect(body).not.toContain(cause.stack?.split('\n')[1]?.trim() ?? 'unreachable');
    expect(body).not.toMatch(/\.ts:\d+/);
  });

  it('logs the cause of an INTERNAL error with its stack and the request id', () => {
    const cause = new Error('password=hunter2');

    handle(cause, { 'x-request-id': 'req-7' });

    expect(logError).toHaveBeenCalledWith(expect.stringContaining('req-7'), cause.stack);
  });

  it('logs nothing for a domain error', () => {
    handle(new JobNotFoundError('job-1'));

    expect(logError).not.toHaveBeenCalled();
  });

  it('only ends a response whose headers were already sent', () => {
    const request: FakeRequest = { method: 'GET', path: '/v1/health', headers: {} };
    const response = new FakeResponse();
    response.headersSent = true;

    filter.catch(new Error('late'), new ExecutionContextHost([request, response]));

    expect(response.ended).toBe(true);
    expect(response.statusCode).toBeUndefined();
    expect(response.body).toBeUndefined();
  });
});
