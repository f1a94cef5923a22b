import { PLUGIN_NAME_PATTERN } from '@forgesyte/plugin-sdk';
import { findRetryPolicyProblems } from './retry-policy-shape';

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const ISOLATIONS = new Set(['inline', 'worker']);

/** Lists every way `value` fails to be a `Plugin` of the SDK; an empty list means it is one. */
export function findShapeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['the module does not export a plugin object'];
  const candidate = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof candidate.name !== 'string' || !PLUGIN_NAME_PATTERN.test(candidate.name)) {
    problems.push(`name must match ${String(PLUGIN_NAME_PATTERN)}`);
  }
  if (typeof candidate.version !== 'string' || !SEMVER.test(candidate.version)) {
    problems.push('version must be a semantic version such as 1.0.0');
  }
  if (typeof candidate.description !== 'string') problems.push('description must be a string');
  if (typeof candidate.run !== 'function') problems.push('run must be a function');
  for (const hook of ['init', 'dispose']) {
    if (candidate[hook] !== undefined && typeof candidate[hook] !== 'function') {
      problems.push(`${hook} must be a function when present`);
    }
  }
  problems.push(...findToolProblems(candidate.tools, candidate.defaultTool));
  return problems;
}

function findToolProblems(tools: unknown, defaultTool: unknown): string[] {
  if (typeof tools !== 'object' || tools === null || Object.keys(tools).length === 0) {
    return ['tools must be an object declaring at least one tool'];
  }
  const problems: string[] = [];
  for (const [name, tool] of Object.entries(tools)) problems.push(...findToolDefinitionProblems(name, tool));
  if (defaultTool !== undefined && (typeof defaultTool !== 'string' || !(defaultTool in tools))) {
    problems.push(`defaultTool must name one of the declared tools (${Object.keys(tools).join(', ')})`);
  }
  return problems;
}

function findToolDefinitionProblems(name: string, tool: unknown): string[] {
  if (typeof tool !== 'object' || tool === null) return [`tool '${name}' must be an object`];
  const definition = tool as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof definition.description !== 'string') problems.push(`tool '${name}': description must be a string`);
  for (const key of ['inputSchema', 'outputSchema']) {
    const schema = definition[key];
    if (typeof schema !== 'object' || schema === null) problems.push(`tool '${name}': ${key} must be a JSON Schema object`);
  }
  for (const key of ['timeoutMs', 'maxConcurrency', 'maxHeapMb']) {
    const limit = definition[key];
    if (limit !== undefined && !(Number.isInteger(limit) && (limit as number) > 0)) {
      problems.push(`tool '${name}': ${key} must be a positive integer when present`);
    }
  }
  if (definition.isolation !== undefined && !ISOLATIONS.has(definition.isolation as string)) {
    problems.push(`tool '${name}': isolation must be 'inline' or 'worker'`);
  }
  problems.push(...findRetryPolicyProblems(name, definition.retry));
  return problems;
}
