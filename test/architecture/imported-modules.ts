import * as ts from 'typescript';

/**
 * Every module a TypeScript file names, as the compiler's pre-processor reads it: `import … from`,
 * `import type`, `export … from`, side-effect `import '…'`, `import('…')`, `require('…')` and
 * `import x = require('…')`, over any number of lines; never text in comments or other strings.
 */
export function importedModules(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}
