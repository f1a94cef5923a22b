import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLintUtils } from '@typescript-eslint/utils';

/** The folder holding one Markdown page per rule. */
export const RULE_DOCS_DIR = join(__dirname, '..', '..', 'docs', 'rules');

/** Extra `meta.docs` fields of this plugin's rules. */
export interface ForgeSyteRuleDocs {
  /** Whether the rule is exact only with type information (it falls back to names without it). */
  readonly requiresTypeChecking?: boolean;
}

/**
 * The docs page of a rule: `docs/rules/<rule>.md` of this package, as a `file:` URL (of the checkout, or
 * of the installed package, which carries `docs/`). The plugin is not published to a registry, so the
 * page beside the code is the one that matches the rule an editor is running.
 */
export function ruleDocsUrl(ruleName: string): string {
  return pathToFileURL(join(RULE_DOCS_DIR, `${ruleName}.md`)).href;
}

/** Builds a rule of `eslint-plugin-forgesyte`, with `meta.docs.url` pointing at its docs page. */
export const createRule = ESLintUtils.RuleCreator<ForgeSyteRuleDocs>(ruleDocsUrl);
