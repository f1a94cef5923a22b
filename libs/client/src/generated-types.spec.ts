import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');

describe('the generated client types', () => {
  it('are what `npm run client` generates from the committed docs/openapi.json', () => {
    // `npm run client` with openapi-typescript's --check: it regenerates in memory and compares, writing nothing.
    const check = spawnSync('npm', ['run', '--silent', 'client', '--', '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });

    const verdict =
      check.status === 0
        ? 'up to date'
        : `libs/client/src/generated/forgesyte-api.ts is stale against docs/openapi.json: run \`npm run client\` (after \`npm run openapi\`) and commit the result.\n${check.stderr}`;
    expect(verdict).toBe('up to date');
  }, 60_000);

  it("are packaged as @forgesyte/client at the API's version, with the openapi-fetch the repository pins", () => {
    const read = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };
    const root = read('package.json');
    const client = read('libs/client/package.json');

    expect({ name: client.name, version: client.version, openapiFetch: client.dependencies['openapi-fetch'] }).toEqual({
      name: '@forgesyte/client',
      version: root.version,
      openapiFetch: root.dependencies['openapi-fetch'],
    });
  });
});
