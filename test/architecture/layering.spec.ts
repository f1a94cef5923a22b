import { productionSources } from './source-files';

/** Which `@forgesyte/*` packages each folder may import: libs depend downwards only. */
const ALLOWED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['libs/plugin-sdk/', []],
  ['libs/errors/', []],
  ['libs/image-io/', ['plugin-sdk']],
  ['libs/plugins/', ['plugin-sdk', 'image-io']],
  ['libs/registry/', ['plugin-sdk', 'errors']],
  ['libs/runtime/', ['plugin-sdk', 'errors', 'registry']],
  ['libs/execution/', ['plugin-sdk', 'errors', 'registry', 'runtime']],
  ['libs/engine/', ['plugin-sdk', 'errors', 'registry', 'runtime', 'execution']],
  ['apps/', ['plugin-sdk', 'errors', 'registry', 'runtime', 'execution', 'engine', 'plugins']],
];

describe('lib layering', () => {
  it('imports only libs below each folder, and only through their public surface', () => {
    const offences = productionSources('apps', 'libs').flatMap((file) => {
      const allowed = ALLOWED.find(([prefix]) => file.path.startsWith(prefix))?.[1] ?? [];
      return [...file.text.matchAll(/from '(@forgesyte\/[^']+|(?:\.\.\/)+(?:libs|apps)\/[^']*)'/g)]
        .map((match) => match[1])
        .filter((specifier) => {
          const lib = /^@forgesyte\/([\w-]+)/.exec(specifier)?.[1];
          return lib === undefined || !allowed.includes(lib);
        })
        .map((specifier) => `${file.path} imports ${specifier}`);
    });

    expect(offences).toEqual([]);
  });
});
