import * as publicSurface from './index';
import {
  ERROR_CODES,
  ExecutionFailedError,
  ForbiddenError,
  ForgeSyteError,
  InputInvalidError,
  InternalError,
  OverloadedError,
  PayloadTooLargeError,
  PluginNotFoundError,
  PluginTimeoutError,
  ToolNotFoundError,
} from './index';
import { ERROR_SAMPLES } from './testing/error-samples';

const samples = ERROR_SAMPLES.map((sample) => [sample.errorClass.name, sample] as const);

describe(ForgeSyteError.name, () => {
  it('has a sample of every error class the lib exports', () => {
    const exported = Object.values(publicSurface).filter(
      (value): value is typeof ForgeSyteError => typeof value === 'function' && value.prototype instanceof ForgeSyteError,
    );

    expect(exported.map((errorClass) => errorClass.name).sort()).toEqual(ERROR_SAMPLES.map((sample) => sample.errorClass.name).sort());
  });

  it('has a class for every error code', () => {
    expect(new Set(ERROR_SAMPLES.map((sample) => sample.code))).toEqual(new Set(ERROR_CODES));
  });

  it.each(samples)('%s sets name to its class name', (className, sample) => {
    expect(sample.make().name).toBe(className);
  });

  it.each(samples)('%s is an Error and an instance of its class', (_, sample) => {
    const error = sample.make();

    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(sample.errorClass);
  });

  it.each(samples)('%s has its code and type', (_, sample) => {
    expect(sample.make()).toMatchObject({ code: sample.code, type: sample.type });
  });

  it.each(samples)('%s has the right retryable flag', (_, sample) => {
    expect(sample.make().retryable).toBe(sample.retryable);
  });

  it.each(samples)('%s has a message', (_, sample) => {
    expect(sample.make().message).not.toBe('');
  });

  it.each(samples)('%s gives a body of exactly the envelope fields', (_, sample) => {
    const body = sample.make().toBody();

    expect(Object.keys(body).sort()).toEqual(['code', 'details', 'job_id', 'message', 'plugin', 'retryable', 'tool', 'type']);
  });

  describe('toBody', () => {
    it('fills unknown plugin, tool and job with null and details with an empty object', () => {
      expect(new InputInvalidError('bad args').toBody()).toEqual({
        code: 'INPUT_INVALID',
        type: 'ValidationError',
        message: 'bad args',
        details: {},
        plugin: null,
        tool: null,
        job_id: null,
        retryable: false,
      });
    });

    it('carries the plugin, tool and job of its context', () => {
      const body = new InputInvalidError('bad args', { plugin: 'ocr', tool: 'read', jobId: 'job-1' }).toBody();

      expect(body).toMatchObject({ plugin: 'ocr', tool: 'read', job_id: 'job-1' });
    });

    it('leaves out the cause and the stack', () => {
      const cause = new Error('secret');
      const error = new InternalError({ cause });

      expect(error.cause).toBe(cause);
      expect(JSON.stringify(error.toBody())).not.toContain('secret');
      expect(error.toBody()).not.toHaveProperty('stack');
    });

    it('is plain JSON data that survives a round trip', () => {
      const body = new PluginTimeoutError(300, 'cooperative', { plugin: 'ocr' }).toBody();

      expect(JSON.parse(JSON.stringify(body))).toEqual(body);
    });
  });

  describe('classes', () => {
    it('lets an explicit retryable option override a class default', () => {
      expect(new InternalError({ retryable: false }).retryable).toBe(false);
    });

    it('says in a PluginTimeoutError that an abandoned tool may still be running', () => {
      const error = new PluginTimeoutError(300, 'abandoned');

      expect(error.details).toEqual({ timeout_ms: 300, stopped: 'abandoned' });
      expect(error.message).toContain('may still be running');
    });

    it('gives an OverloadedError its retry delay as a property and in details', () => {
      const error = new OverloadedError(3, 10);

      expect(error.retryAfterSeconds).toBe(3);
      expect(error.details).toEqual({ retry_after_seconds: 3, queue_limit: 10, reason: 'queue_full' });
    });

    it('says an OverloadedError of a shutting-down server is about shutdown, not a full queue', () => {
      const error = new OverloadedError(1, 10, 'shutting_down');

      expect(error.details).toMatchObject({ reason: 'shutting_down' });
      expect(error.message).toMatch(/^The server is shutting down and takes no new jobs\./);
    });

    it('lists the available plugins in a PluginNotFoundError', () => {
      const error = new PluginNotFoundError('ocr', ['echo', 'thrower']);

      expect(error).toMatchObject({ plugin: 'ocr', details: { available: ['echo', 'thrower'] } });
      expect(error.message).toContain('echo, thrower');
    });

    it('says none are available in a PluginNotFoundError without plugins', () => {
      expect(new PluginNotFoundError('ocr', []).message).toContain('Available plugins: none.');
    });

    it('lists the plugin tools in a ToolNotFoundError', () => {
      expect(new ToolNotFoundError('echo', 'whisper', ['echo', 'shout'])).toMatchObject({
        plugin: 'echo',
        tool: 'whisper',
        details: { available: ['echo', 'shout'] },
      });
    });

    it('names the missing scope in a ForbiddenError', () => {
      expect(new ForbiddenError('admin').details).toEqual({ required_scope: 'admin' });
    });

    it('keeps the limit in the details of a PayloadTooLargeError', () => {
      expect(new PayloadTooLargeError('16mb').details).toEqual({ limit: '16mb' });
    });
  });

  describe(ExecutionFailedError.name, () => {
    it('carries the failed execution body unchanged', () => {
      const failure = new PluginTimeoutError(300, 'cooperative', { plugin: 'ocr', tool: 'read', jobId: 'job-1' }).toBody();

      expect(new ExecutionFailedError(failure).toBody()).toEqual(failure);
    });

    it('takes the code and type of the failure', () => {
      const failure = new PluginNotFoundError('ocr', []).toBody();

      expect(new ExecutionFailedError(failure)).toMatchObject({ code: 'PLUGIN_NOT_FOUND', type: 'NotFoundError', plugin: 'ocr' });
    });
  });
});
