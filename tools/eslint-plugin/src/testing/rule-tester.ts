import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';

/** Folder of the typed tests' virtual files: it holds an empty `file.ts` and no tsconfig of its own. */
export const FIXTURES_DIR = join(__dirname, 'fixtures');

/** The repo's tsconfig: its compiler options (strictness, path aliases) apply to the virtual files. */
const ROOT_TSCONFIG = join(__dirname, '..', '..', '..', '..', 'tsconfig.json');

/**
 * A RuleTester with type information. Test code is opened in the project service's default project
 * with the repo's compiler options, so `@forgesyte/plugin-sdk` resolves to the real SDK.
 */
export function typedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.ts*', 'libs/runtime/src/*.ts', 'libs/runtime/src/worker/*.ts', 'libs/plugins/*/src/*.ts', 'libs/plugin-sdk/src/testing/*.ts'], defaultProject: ROOT_TSCONFIG }, tsconfigRootDir: FIXTURES_DIR },
    },
  });
}

/** A RuleTester without type information (the TypeScript parser, no project), as for plain JavaScript. */
export function untypedRuleTester(): RuleTester {
  return new RuleTester();
}
