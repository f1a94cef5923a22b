import { posix } from 'node:path';
import { importedModules } from './imported-modules';
import { productionSources } from './source-files';

/** What the files of a folder may import besides their own files and `node:` builtins. */
interface Layer {
  readonly folder: string;
  /** The `@forgesyte/*` libs it may import, each through its public surface. */
  readonly libs: readonly string[];
  /** Whether it may import npm packages: all, or only those listed. */
  readonly packages: boolean | readonly string[];
}

/** Libs depend downwards only; errors depends on nothing at all, plugin-sdk only on json-schema-to-ts' types. */
const LAYERS: readonly Layer[] = [
  // Types only (FromSchema): the SDK loads no package at run time; its testing/ folder is not production code.
  { folder: 'libs/plugin-sdk/', libs: [], packages: ['json-schema-to-ts'] },
  { folder: 'libs/errors/', libs: [], packages: false },
  { folder: 'libs/image-io/', libs: ['plugin-sdk'], packages: true },
  { folder: 'libs/plugins/', libs: ['plugin-sdk', 'image-io'], packages: true },
  { folder: 'libs/shipped-plugins/', libs: ['plugin-sdk', 'plugins'], packages: false },
  { folder: 'libs/registry/', libs: ['plugin-sdk', 'errors'], packages: true },
  // The typed HTTP client stands alone: consumers install it without the server's libs.
  { folder: 'libs/client/', libs: [], packages: true },
  { folder: 'libs/runtime/', libs: ['plugin-sdk', 'errors', 'registry'], packages: true },
  { folder: 'libs/execution/', libs: ['plugin-sdk', 'errors', 'registry', 'runtime'], packages: true },
  // API keys live in the job store's database: the lib opens it as the execution lib does.
  { folder: 'libs/keys/', libs: ['plugin-sdk', 'errors', 'execution'], packages: true },
  { folder: 'libs/engine/', libs: ['plugin-sdk', 'errors', 'registry', 'runtime', 'execution', 'keys'], packages: true },
  { folder: 'apps/', libs: ['plugin-sdk', 'errors', 'registry', 'runtime', 'execution', 'keys', 'engine', 'shipped-plugins'], packages: true },
];

/** The folder a relative import may not leave: one app, one lib, or one plugin of libs/plugins. */
const OWN_FOLDER = /^(?:libs\/plugins\/[^/]+|libs\/[^/]+|apps\/[^/]+)\//;
/** A lib's public surface: `@forgesyte/<lib>`, or `@forgesyte/plugins/<name>` for a plugin. */
const PUBLIC_SURFACE = /^@forgesyte\/(plugins(?=\/[\w-]+$)|[\w-]+$)/;

/** Why `file` may not import `specifier`, or undefined when it may. */
function offence(file: string, specifier: string): string | undefined {
  const layer = LAYERS.find(({ folder }) => file.startsWith(folder));
  if (layer === undefined) return 'is in no layer of this test: add its folder to LAYERS';
  if (specifier.startsWith('.')) {
    const own = OWN_FOLDER.exec(file)?.[0] ?? file;
    const target = posix.join(posix.dirname(file), specifier);
    return target.startsWith(own) ? undefined : `leaves ${own} (a shared thing belongs in a lib)`;
  }
  if (specifier.startsWith('node:')) return undefined;
  if (specifier.startsWith('@forgesyte/')) {
    const lib = PUBLIC_SURFACE.exec(specifier)?.[1];
    if (lib === undefined) return 'reaches past the lib\'s public surface (its src/index.ts)';
    return layer.libs.includes(lib) ? undefined : `is not among the libs ${layer.folder} may import`;
  }
  if (Array.isArray(layer.packages)) {
    return layer.packages.includes(specifier) ? undefined : `is a package, and ${layer.folder} depends only on ${layer.packages.join(', ')}`;
  }
  return layer.packages === true ? undefined : `is a package, and ${layer.folder} depends on nothing`;
}

describe('lib layering', () => {
  it('imports only its own files, node: builtins, libs below each folder through their public surface, and packages where allowed', () => {
    const offences = productionSources('apps', 'libs').flatMap((file) =>
      importedModules(file.text).flatMap((specifier) => {
        const why = offence(file.path, specifier);
        return why === undefined ? [] : [`${file.path} imports ${specifier}: it ${why}`];
      }),
    );

    expect(offences).toEqual([]);
  });

  it.each([
    ['a relative import out of its app', 'apps/worker/src/worker.module.ts', '../../api/src/shipped-plugins'],
    ['a relative import into another lib', 'libs/runtime/src/x.ts', '../../registry/src/plugin-registry.service'],
    ['a relative import from one plugin into another', 'libs/plugins/ocr/src/x.ts', '../../image-inspect/src/index'],
    ['a lib above it', 'libs/registry/src/x.ts', '@forgesyte/runtime'],
    ['a lib past its public surface', 'apps/api/src/x.ts', '@forgesyte/errors/src/classes/internal.error'],
    ['a package into errors', 'libs/errors/src/x.ts', '@nestjs/common'],
    ['a package into plugin-sdk', 'libs/plugin-sdk/src/x.ts', 'express'],
    ['ajv into plugin-sdk outside its testing folder', 'libs/plugin-sdk/src/x.ts', 'ajv'],
    ['a builtin without node: into errors', 'libs/errors/src/x.ts', 'crypto'],
    ['a shipped plugin straight into an app', 'apps/api/src/x.ts', '@forgesyte/plugins/ocr'],
  ])('refuses %s', (_, file, specifier) => {
    expect(offence(file, specifier)).toBeDefined();
  });

  it.each([
    ['its own file', 'libs/errors/src/classes/x.ts', '../forgesyte.error'],
    ['a node: builtin into errors', 'libs/errors/src/x.ts', 'node:crypto'],
    ['a lib below it', 'libs/runtime/src/x.ts', '@forgesyte/registry'],
    ['a plugin into the shipped list', 'libs/shipped-plugins/src/x.ts', '@forgesyte/plugins/ocr'],
    ['a package into execution', 'libs/execution/src/x.ts', 'bullmq'],
    ['json-schema-to-ts (types) into plugin-sdk', 'libs/plugin-sdk/src/x.ts', 'json-schema-to-ts'],
  ])('allows %s', (_, file, specifier) => {
    expect(offence(file, specifier)).toBeUndefined();
  });

  it('sees every form of import: from, export from, type, side effect, import(), require(), across lines; not comments', () => {
    const text = [
      "import a from 'a';",
      'import {\n  b,\n  c,\n} from "b";',
      "import type { T } from 't';",
      "export * from './e';",
      "export { f } from '../f';",
      "import 'side-effect';",
      "const g = require('g');",
      "const h = import('h');",
      "import i = require('i');",
      "// import commented from 'comment';",
      "/* require('block-comment') */",
    ].join('\n');

    expect(importedModules(text)).toEqual(['a', 'b', 't', './e', '../f', 'side-effect', 'g', 'h', 'i']);
  });
});
