import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../../../test/support/app-process';
import { stopProcessGroup } from '../../../../test/support/process-group';
import { commandEnv } from './run-command';

/** The admin key a test server is started with. */
export const TEST_ADMIN_KEY = 'schematics-e2e-admin-key-0123456789';

/**
 * The API as `npm start` runs it (the `nest build` output of a repository copy), in a process group of
 * its own on a free port, with {@link TEST_ADMIN_KEY}.
 */
export class ApiServer {
  private output = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    /** `http://127.0.0.1:<port>` */
    readonly url: string,
  ) {
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** Starts `dist/apps/api/apps/api/src/main.js` of `root` and resolves once it listens. */
  static async start(root: string, env: Readonly<Record<string, string>> = {}): Promise<ApiServer> {
    const port = await freePort();
    const child = spawn(process.execPath, [join(root, 'dist/apps/api/apps/api/src/main.js')], {
      cwd: root,
      env: commandEnv({ PORT: String(port), HOST: '127.0.0.1', FORGESYTE_ADMIN_KEY: TEST_ADMIN_KEY, ...env }),
      detached: true,
    });
    const server = new ApiServer(child, `http://127.0.0.1:${port}`);
    try {
      await server.listening(`ForgeSyte API listening on ${server.url}`);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** Sends a request with the admin key and returns the status and parsed JSON body. */
  async request(path: string, body?: object): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'X-API-Key': TEST_ADMIN_KEY, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  /** Stops the server's process group (SIGKILL if it lingers) and resolves when it has exited. */
  stop(): Promise<void> {
    return stopProcessGroup(this.child);
  }

  private listening(line: string, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (why: string) => () => {
        clearTimeout(timer);
        reject(new Error(`the API ${why}:\n${this.output}`));
      };
      const timer = setTimeout(fail(`did not say "${line}" within ${timeoutMs} ms`), timeoutMs);
      this.child.once('exit', fail('exited before listening'));
      this.child.stdout.on('data', () => {
        if (!this.output.includes(line)) return;
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
