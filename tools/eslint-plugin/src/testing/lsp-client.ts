import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

const STOP_GRACE_MS = 3_000;

/** A JSON-RPC message of the Language Server Protocol, as far as this client reads it. */
interface LspMessage {
  readonly id?: number | string;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string };
}

/** Answers a request the server sends to the client (`workspace/configuration`, …). */
export type ServerRequestHandler = (params: unknown) => unknown;

/** A notification the server sent (`textDocument/publishDiagnostics`, `window/logMessage`, …). */
export interface LspNotification {
  readonly method: string;
  readonly params: unknown;
}

/**
 * A minimal LSP client over a language server's stdio, as an editor speaks to it: `Content-Length`
 * framed JSON-RPC, requests with ids, answers to the server's own requests, notifications recorded.
 */
export class LspClient {
  private readonly server: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  private readonly handlers = new Map<string, ServerRequestHandler>();
  private readonly listeners = new Set<(notification: LspNotification) => void>();
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private stderr = '';
  /** Every notification received, in order. */
  readonly notifications: LspNotification[] = [];

  /** Starts `node <script> --stdio` in `cwd`. */
  constructor(script: string, cwd: string) {
    this.server = spawn(process.execPath, [script, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.server.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.server.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.server.once('exit', (code, signal) => {
      for (const { reject } of this.pending.values()) reject(new Error(`the language server exited (${code ?? signal}): ${this.stderr}`));
      this.pending.clear();
    });
  }

  /** Answers the server's requests of `method` with `handler`'s result (unhandled ones get `null`). */
  onRequest(method: string, handler: ServerRequestHandler): void {
    this.handlers.set(method, handler);
  }

  /** Sends a request and resolves with its result; rejects with the server's error. */
  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a notification. */
  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification (already received or coming) that `matches`, or rejects after `timeoutMs`. */
  waitForNotification(matches: (notification: LspNotification) => boolean, timeoutMs: number): Promise<LspNotification> {
    const seen = this.notifications.find(matches);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const listener = (notification: LspNotification) => {
        if (!matches(notification)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(notification);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching notification within ${timeoutMs} ms; received: ${JSON.stringify(this.notifications)}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  /** `shutdown`, `exit`, then SIGKILL if the server lingers; resolves once it is gone. */
  async stop(): Promise<void> {
    if (this.server.exitCode !== null || this.server.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.server.once('exit', () => resolve()));
    const kill = setTimeout(() => this.server.kill('SIGKILL'), STOP_GRACE_MS);
    try {
      await Promise.race([this.request('shutdown', null), exited]);
      this.notify('exit', null);
    } catch {
      this.server.kill('SIGKILL');
    }
    await exited;
    clearTimeout(kill);
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.server.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const message = JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')) as LspMessage;
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: LspMessage): void {
    if (message.method !== undefined && message.id !== undefined) {
      const handler = this.handlers.get(message.method);
      this.send({ jsonrpc: '2.0', id: message.id, result: handler === undefined ? null : handler(message.params) });
    } else if (message.method !== undefined) {
      const notification = { method: message.method, params: message.params };
      this.notifications.push(notification);
      for (const listener of [...this.listeners]) listener(notification);
    } else if (typeof message.id === 'number') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else waiting?.resolve(message.result);
    }
  }
}
