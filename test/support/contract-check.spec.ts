import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEnvelope, type ForgeSyteError, JobNotFoundError, RouteNotFoundError } from '@forgesyte/errors';
import { ContractCheck, type ContractDocument } from './contract-check';
import type { ContractExchange } from './contract-exchange';

const DOCUMENT = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8')) as ContractDocument;
const JOB_ID = '3f6c1a52-8a0e-4a59-9a3e-6f1f4d0c2b7e';

function exchange(method: string, url: string, status: number, body: unknown, headers: Record<string, string> = {}): ContractExchange {
  return {
    method,
    url,
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-1', ...headers },
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

const envelope = (error: ForgeSyteError = new JobNotFoundError(JOB_ID)) => buildEnvelope(error, 'req-1');

describe(ContractCheck.name, () => {
  const check = new ContractCheck(DOCUMENT);

  it('passes a response the document describes', () => {
    expect(check.violations(exchange('GET', 'http://127.0.0.1:1/v1/health?x=1', 200, { status: 'ok', uptime_seconds: 3 }))).toEqual([]);
  });

  it('fails a status the operation does not document', () => {
    expect(check.violations(exchange('GET', '/v1/health', 418, envelope()))).toEqual([expect.stringContaining('status 418 is not documented')]);
  });

  it('fails a body that does not match the response schema, naming where', () => {
    expect(check.violations(exchange('GET', '/v1/health', 200, { status: 'fine', uptime_seconds: -1 }))).toEqual([
      expect.stringMatching(/the application\/json body does not match the document: \/status must be equal to one of the allowed values.*\/uptime_seconds must be >= 0/),
    ]);
  });

  it('fails a field the response schema does not name, as the document describes all that is sent', () => {
    expect(check.violations(exchange('GET', '/v1/health', 200, { status: 'ok', uptime_seconds: 3, build: 'x' }))).toEqual([expect.stringContaining('must NOT have unevaluated properties')]);
  });

  it('leaves open a tool output schema that does not close itself', () => {
    const result = { job_id: JOB_ID, plugin: 'image-inspect', tool: 'metadata', status: 'success', duration_ms: 1, result: { format: 'png', width: 1, height: 1, channels: 3, has_alpha: false, size_bytes: 9 } };

    expect(check.violations(exchange('POST', '/v1/analyze-execution', 200, result))).toEqual([]);
  });

  it('fails a body that is not JSON where JSON is documented', () => {
    expect(check.violations(exchange('GET', '/v1/health', 200, '<html>'))).toEqual([expect.stringContaining('the application/json body is not JSON')]);
  });

  it('fails a media type the response does not list', () => {
    expect(check.violations(exchange('GET', '/v1/health', 200, 'ok', { 'content-type': 'text/plain' }))).toEqual([expect.stringContaining('media type text/plain is not documented')]);
  });

  it('fails when a header the document names for the response is missing', () => {
    const response = exchange('GET', '/v1/health', 200, { status: 'ok', uptime_seconds: 3 });
    delete (response.headers as Record<string, string>)['x-request-id'];

    expect(check.violations(response)).toEqual(['header X-Request-Id is documented for this response but was not sent']);
  });

  it('checks a header documented as not required only when it is sent', () => {
    const document: ContractDocument = {
      paths: { '/limited': { get: { responses: { 200: { description: 'Counted.', headers: { RateLimit: { required: false, schema: { type: 'string', pattern: '^"default";r=\\d+;t=\\d+$' } } } } } } } },
    };
    const limited = new ContractCheck(document);

    expect(limited.violations({ ...exchange('GET', '/limited', 200, ''), body: undefined })).toEqual([]);
    expect(limited.violations({ ...exchange('GET', '/limited', 200, '', { ratelimit: '"default";r=4;t=60' }), body: undefined })).toEqual([]);
    expect(limited.violations({ ...exchange('GET', '/limited', 200, '', { ratelimit: 'r=4' }), body: undefined })).toEqual([expect.stringContaining('header RateLimit does not match the document')]);
  });

  it('fails a header value that does not match its schema', () => {
    const overloaded = exchange('POST', '/v1/analyze-execution', 429, envelope(), { 'retry-after': '0' });

    expect(check.violations(overloaded)).toEqual([expect.stringMatching(/header Retry-After does not match the document: \/ must be >= 1/)]);
  });

  it('matches templated paths and checks the envelope of their errors', () => {
    expect(check.violations(exchange('GET', `/v1/analyze-execution/jobs/${JOB_ID}/result`, 404, envelope()))).toEqual([]);
    expect(check.violations(exchange('GET', `/v1/analyze-execution/jobs/${JOB_ID}/result`, 404, { error: { code: 'JOB_NOT_FOUND' } }))).toEqual([
      expect.stringContaining("must have required property 'type'"),
    ]);
  });

  it('accepts the error envelope from a path or method the document lacks, and nothing else', () => {
    const unknown = envelope(new RouteNotFoundError('PUT', '/v1/plugins'));

    expect(check.violations(exchange('PUT', '/v1/plugins', 404, unknown))).toEqual([]);
    expect(check.violations(exchange('GET', '/v2/anything', 404, { message: 'Not Found' }))).toEqual([expect.stringContaining('the error envelope does not match')]);
    expect(check.violations(exchange('GET', '/v2/anything', 200, { ok: true }))).toEqual([expect.stringContaining('has no operation for this path and method, yet it answered 200')]);
  });

  it('follows a response that refers to a component response', () => {
    const document: ContractDocument = {
      paths: { '/slow': { get: { responses: { 408: { $ref: '#/components/responses/Late' } } } } },
      components: { responses: { Late: { description: 'Late.', headers: { 'X-Request-Id': { schema: { type: 'string' } } }, content: { 'application/json': { schema: { type: 'object', required: ['error'] } } } } } },
    };
    const late = new ContractCheck(document);

    expect(late.violations(exchange('GET', '/slow', 408, envelope()))).toEqual([]);
    expect(late.violations(exchange('GET', '/slow', 408, {}, { 'x-request-id': undefined as unknown as string }))).toEqual([
      'header X-Request-Id is documented for this response but was not sent',
      expect.stringContaining("must have required property 'error'"),
    ]);
  });

  it('fails a body where the document describes none', () => {
    const document: ContractDocument = { paths: { '/gone': { delete: { responses: { 204: { description: 'Gone.' } } } } } };

    expect(new ContractCheck(document).violations(exchange('DELETE', '/gone', 204, { surprise: true }))).toEqual([expect.stringContaining('a body was sent')]);
  });
});
