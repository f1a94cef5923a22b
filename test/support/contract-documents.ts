import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestApplication } from '@nestjs/core';
import { OpenApiDocuments } from '../../apps/api/src/openapi/openapi-documents.service';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** How long the check waits for a child process' document. */
const DOCUMENT_TIMEOUT_MS = 5_000;

/**
 * The OpenAPI documents of the servers a test file talks to, in their full variant: taken in-process
 * from each Nest application's `OpenApiDocuments` once it has initialised, and, for a server in another
 * process, read once per origin and key from its `GET /v1/openapi.json` with the fetch that was there
 * before the contract check wrapped it (so the check's own reads are never checked).
 */
export class ContractDocuments {
  private readonly servers = new Map<Server, string>();
  private readonly fetched = new Map<string, Promise<string | null | undefined>>();

  constructor(private readonly fetchDocument: typeof fetch) {}

  /** Remembers the full document of every Nest application the test file initialises. */
  watchNestApplications(): void {
    const remember = (app: NestApplication) => this.remember(app);
    const init = NestApplication.prototype.init;
    NestApplication.prototype.init = async function contractInit(this: NestApplication): Promise<NestApplication> {
      await init.call(this);
      remember(this);
      return this;
    };
  }

  /** The document of an in-process server (supertest's `app`), if it is a ForgeSyte app. */
  ofServer(server: unknown): string | undefined {
    return this.servers.get(server as Server);
  }

  /**
   * The document of the server at `url`: an in-process one listening on that loopback port, else the
   * one the server at that origin serves to `headers`' key (the anonymous, generic one when the key
   * cannot read the full one). `null` when that server is not the HTTP API (`GET /v1/openapi.json` is
   * a 404 there: an apps/worker's metrics port), `undefined` when its document cannot be read.
   */
  ofUrl(url: string, headers: Headers): Promise<string | null | undefined> {
    const { origin, hostname, port } = new URL(url);
    if (LOOPBACK.has(hostname)) {
      for (const [server, document] of this.servers) {
        if ((server.address() as AddressInfo | null)?.port === Number(port)) return Promise.resolve(document);
      }
    }
    const key = headers.get('x-api-key') ?? headers.get('authorization') ?? '';
    let document = this.fetched.get(`${origin} ${key}`);
    if (document === undefined) {
      document = this.read(origin, headers).catch(() => undefined);
      this.fetched.set(`${origin} ${key}`, document);
    }
    return document;
  }

  private async read(origin: string, headers: Headers): Promise<string | null | undefined> {
    const auth: Record<string, string> = {};
    for (const name of ['x-api-key', 'authorization']) {
      const value = headers.get(name);
      if (value !== null) auth[name] = value;
    }
    for (const attempt of [auth, {}]) {
      const response = await this.fetchDocument(`${origin}/v1/openapi.json`, { headers: attempt, signal: AbortSignal.timeout(DOCUMENT_TIMEOUT_MS) });
      if (response.ok) return response.text();
      await response.body?.cancel();
      if (response.status === 404) return null;
    }
    return undefined;
  }

  private remember(app: NestApplication): void {
    let document: string;
    try {
      document = app.get(OpenApiDocuments, { strict: false }).variant('full');
    } catch {
      return; // not a ForgeSyte API (or one whose routes were never documented): nothing to check against
    }
    this.servers.set(app.getHttpServer() as Server, document);
  }
}
