import type { Response } from 'superagent';
import Test from 'supertest/lib/test';
import { ContractCheck, type ContractDocument } from './contract-check';
import { ContractDocuments } from './contract-documents';
import { type ContractExchange, describeExchange } from './contract-exchange';

/**
 * A response received, with the document of the server that sent it (both may still be on their way;
 * the document `null` when that server is not the HTTP API).
 */
interface Recorded {
  readonly exchange: Promise<ContractExchange>;
  readonly document: Promise<string | null | undefined>;
}

/** How long the check waits for the rest of a fetched body the test did not read to the end. */
const BODY_TIMEOUT_MS = 5_000;

type SupertestAssert = (this: Test, error: unknown, response: Response | undefined, callback: unknown) => unknown;

/**
 * Records every response the e2e tests receive through supertest and the global `fetch`, and checks
 * them against the OpenAPI document of the server that sent them ({@link ContractCheck}). Install it
 * once per test file (the e2e project's setup file does).
 */
export class ContractRecorder {
  private readonly documents = new ContractDocuments(globalThis.fetch);
  private readonly checks = new Map<string, ContractCheck>();
  private recorded: Recorded[] = [];

  /** Wraps supertest, the global fetch and Nest's `init`. */
  install(): this {
    this.documents.watchNestApplications();
    this.wrapSupertest();
    this.wrapFetch();
    return this;
  }

  /** Checks what was recorded since the last call; one line per violation, none when all conform. */
  async violations(): Promise<string[]> {
    const recorded = this.recorded;
    this.recorded = [];
    const lines: string[] = [];
    for (const { exchange: pending, document: source } of recorded) {
      const [exchange, document] = await Promise.all([pending, source]);
      if (document === null) continue;
      const problems = document === undefined ? ['no OpenAPI document is known for the server that answered'] : this.checkOf(document).violations(exchange);
      lines.push(...problems.map((problem) => `${describeExchange(exchange)}: ${problem}`));
    }
    return lines;
  }

  private checkOf(document: string): ContractCheck {
    let check = this.checks.get(document);
    if (check === undefined) {
      check = new ContractCheck(JSON.parse(document) as ContractDocument);
      this.checks.set(document, check);
    }
    return check;
  }

  private wrapSupertest(): void {
    const prototype = Test.prototype as unknown as { assert: SupertestAssert };
    const assert = prototype.assert;
    const record = (test: Test, response: Response) => this.recordSupertest(test, response);
    prototype.assert = function contractAssert(this: Test, error, response, callback) {
      if (response !== undefined) record(this, response);
      return assert.call(this, error, response, callback);
    };
  }

  private recordSupertest(test: Test, response: Response): void {
    const text = (response as { text?: unknown }).text;
    const body = typeof text === 'string' ? Buffer.from(text) : Buffer.isBuffer(response.body) ? response.body : undefined;
    const exchange = { method: (test as unknown as { method: string }).method, url: test.url, status: response.status, headers: response.headers as ContractExchange['headers'], body };
    const document = typeof test.app === 'string' ? this.documents.ofUrl(test.url, new Headers()) : Promise.resolve(this.documents.ofServer(test.app));
    this.recorded.push({ exchange: Promise.resolve(exchange), document });
  }

  private wrapFetch(): void {
    const original = globalThis.fetch;
    globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<globalThis.Response> => {
      const response = await original(input, init);
      const request = input instanceof Request ? input : undefined;
      const url = request?.url ?? (input instanceof URL ? input.href : (input as string));
      const headers = new Headers(init?.headers ?? request?.headers);
      const document = this.documents.ofUrl(url, headers);
      // The document of a child process is read now, while the process that answered is still there.
      await document;
      this.recorded.push({ exchange: exchangeOf(init?.method ?? request?.method ?? 'GET', url, response), document });
      return response;
    };
  }
}

async function exchangeOf(method: string, url: string, response: globalThis.Response): Promise<ContractExchange> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const copy = response.clone();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), BODY_TIMEOUT_MS)));
  const bytes = await Promise.race([copy.arrayBuffer().catch(() => undefined), late]);
  clearTimeout(timer);
  if (bytes === undefined) await copy.body?.cancel().catch(() => undefined);
  return { method: method.toUpperCase(), url, status: response.status, headers, body: bytes === undefined ? undefined : Buffer.from(bytes) };
}
