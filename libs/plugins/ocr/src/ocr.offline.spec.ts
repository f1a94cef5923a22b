import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ocrFixtureText } from './testing/ocr-fixtures';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** Runs `testing/offline-extract-text.ts` in a fresh working directory with every network API blocked. */
async function extractTextOffline(cwd: string): Promise<{ stdout: string; stderr: string }> {
  const preloads = [join(__dirname, 'testing', 'block-network.cjs'), require.resolve('ts-node/register/transpile-only'), require.resolve('tsconfig-paths/register')];
  return promisify(execFile)(
    process.execPath,
    [...preloads.flatMap((preload) => ['-r', preload]), join(__dirname, 'testing', 'offline-extract-text.ts')],
    { cwd, env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json') }, timeout: 60_000 },
  );
}

describe('the ocr plugin offline', () => {
  let cwd: string;

  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'ocr-offline-'));
  });

  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('reads text with every network API blocked in the main thread and in tesseract worker threads', async () => {
    const { stdout, stderr } = await extractTextOffline(cwd);

    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ text: ocrFixtureText() });
    expect(stderr).toContain('[block-network] armed in the main thread');
    expect(stderr).toMatch(/\[block-network\] armed in the worker thread \d+/);
    expect(stderr).not.toContain('BLOCKED');
    // cacheMethod 'none': no traineddata cache (or anything else) lands in the working directory.
    expect(readdirSync(cwd)).toEqual([]);
  }, 60_000);
});
