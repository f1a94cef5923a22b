import type { ErrorEnvelope } from '@forgesyte/errors';
import type { Response } from 'express';

/** An express response double with the parts the request id and the exception filter use; it records what they send. */
export class FakeResponse {
  headersSent = false;
  statusCode: number | undefined;
  body: ErrorEnvelope | undefined;
  ended = false;
  /** Headers by lower-case name, as node keeps them. */
  readonly headers = new Map<string, string>();

  setHeader(name: string, value: string): this {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }

  getHeader(name: string): string | undefined {
    return this.headers.get(name.toLowerCase());
  }

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  /** Express's way (the filter's for GET and HEAD). */
  json(body: ErrorEnvelope): this {
    this.body = body;
    this.headersSent = true;
    return this;
  }

  /** Node's way (the filter's for other methods): the body as JSON text, or nothing. */
  end(chunk?: string): this {
    if (chunk !== undefined) {
      this.body = JSON.parse(chunk) as ErrorEnvelope;
      this.headersSent = true;
    }
    this.ended = true;
    return this;
  }

  /** This double, typed as the express response the code under test takes. */
  asResponse(): Response {
    return this as unknown as Response;
  }
}
