import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The `eslint` settings an editor hands `vscode-eslint-language-server` (it asks for them with
 * `workspace/configuration`) once set up as the README's "In your editor" says: nvim-lspconfig's
 * defaults for `eslint` with `experimental.useFlatConfig` forced back to `false`; in VS Code the
 * extension's defaults with the README's settings.json. ESLint 10 loads flat configs by itself; `true`
 * makes the server look for ESLint 8's `FlatESLint` class, which ESLint 10 no longer has, and then it
 * reports nothing at all.
 */
export function editorSettings(workspaceDir: string, useFlatConfig = false): Record<string, unknown> {
  return {
    validate: 'on',
    useESLintClass: false,
    experimental: { useFlatConfig },
    codeActionOnSave: { enable: false, mode: 'all' },
    format: true,
    quiet: false,
    onIgnoredFiles: 'off',
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: '',
    workingDirectory: { mode: 'location' },
    workspaceFolder: { uri: pathToFileURL(workspaceDir).href, name: basename(workspaceDir) },
    codeAction: { disableRuleComment: { enable: true, location: 'separateLine' }, showDocumentation: { enable: true } },
  };
}
