import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/** A JSON-RPC message as read off the wire. */
export type WireMessage = Record<string, unknown> & { readonly id?: number; readonly method?: string };

/**
 * Speaks newline-delimited JSON-RPC to a child process's stdin and records every message of its stdout
 * in the order written: for assertions on the wire itself, which a client library may reorder or drop.
 */
export class StdioJsonRpc {
  readonly received: WireMessage[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private pending = '';

  constructor(command: string, args: readonly string[], options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv }) {
    this.child = spawn(command, args, { cwd: options.cwd, env: options.env });
    this.child.stderr.resume();
    this.child.stdout.on('data', (chunk: Buffer) => {
      const lines = (this.pending + chunk.toString()).split('\n');
      this.pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') this.received.push(JSON.parse(line) as WireMessage);
    });
  }

  send(message: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  }

  /** Sends a request and resolves with everything received up to and including its response. */
  async request(id: number, method: string, params: Record<string, unknown>, timeoutMs = 60_000): Promise<WireMessage[]> {
    const from = this.received.length;
    this.send({ id, method, params });
    const deadline = Date.now() + timeoutMs;
    while (!this.received.slice(from).some((message) => message.id === id && message.method === undefined)) {
      if (Date.now() > deadline) throw new Error(`no response to ${method} (id ${id}) within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.received.slice(from);
  }

  stop(): void {
    this.child.kill();
  }
}
