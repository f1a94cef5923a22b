'use strict';
// Entry point of eslint-plugin-forgesyte. The plugin is consumed from its TypeScript source (it is never
// published or built): this file compiles src/**/*.ts in memory with the TypeScript the repo already
// has, so ESLint in the CLI, in CI and in every editor loads it straight after `npm install`. The hook
// only handles this package's own src/ files; every other .ts file is left to whoever handled it before.
const { readFileSync } = require('node:fs');
const { dirname, join, sep } = require('node:path');
const ts = require('typescript');

const SRC = join(dirname(require.resolve('./package.json')), 'src') + sep;
const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  resolveJsonModule: true,
  sourceMap: false,
  inlineSourceMap: true,
};

const extensions = require.extensions;
const previous = extensions['.ts'];
extensions['.ts'] = function compileForgeSyteSource(module, filename) {
  if (!filename.startsWith(SRC)) return (previous ?? extensions['.js'])(module, filename);
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions: COMPILER_OPTIONS, fileName: filename });
  module._compile(outputText, filename);
};

module.exports = require('./src/index.ts').default;
