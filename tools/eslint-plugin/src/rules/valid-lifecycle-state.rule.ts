import { createRule } from '../util/create-rule';
import { lifecycleStateListener } from '../util/lifecycle-state-positions';

/** Messages of `forgesyte/valid-lifecycle-state`. */
export type ValidLifecycleStateMessageId = 'outcomeAsState' | 'unknownState';

/** Options of `forgesyte/valid-lifecycle-state`. */
export type ValidLifecycleStateOptions = [
  {
    /** The lifecycle states; the registry's set by default. */
    readonly states?: readonly string[];
    /** Names of variables and properties that hold a lifecycle state. */
    readonly properties?: readonly string[];
    /** Functions and methods whose first argument is a lifecycle state. */
    readonly functions?: readonly string[];
  },
];

/** The registry's lifecycle states (`LIFECYCLE_STATES` of `@forgesyte/registry`), in order. */
export const DEFAULT_LIFECYCLE_STATES: readonly string[] = ['LOADED', 'INITIALIZED', 'RUNNING', 'FAILED', 'UNAVAILABLE'];
const DEFAULT_PROPERTIES: readonly string[] = ['state', 'lifecycleState'];
const DEFAULT_FUNCTIONS: readonly string[] = ['markState', 'setState', 'transitionTo'];
const OUTCOME = /^(success|error)$/i;

/**
 * `forgesyte/valid-lifecycle-state`: a string written where a plugin's lifecycle state goes must be one
 * of the registry's states; `SUCCESS` and `ERROR` are outcomes of a call, never states. Needs no type
 * information, so it guards plugin authors writing plain JavaScript.
 */
export const validLifecycleState = createRule<ValidLifecycleStateOptions, ValidLifecycleStateMessageId>({
  name: 'valid-lifecycle-state',
  meta: {
    type: 'problem',
    docs: { description: 'Require lifecycle states to be LOADED, INITIALIZED, RUNNING, FAILED or UNAVAILABLE' },
    messages: {
      outcomeAsState:
        "'{{value}}' is the outcome of a call, not a lifecycle state. A plugin's state is one of {{states}}; " +
        "read a call's outcome from its result (`outcome.ok`) or from its job's `status` instead.",
      unknownState:
        "'{{value}}' is not a lifecycle state. Use one of {{states}} " +
        "(job statuses such as 'success' or 'failed' belong to a job's `status`, not to a plugin's `state`).",
    },
    schema: [
      {
        type: 'object',
        properties: {
          states: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
          properties: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
          functions: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ states: DEFAULT_LIFECYCLE_STATES, properties: DEFAULT_PROPERTIES, functions: DEFAULT_FUNCTIONS }],
  },
  create(context, [{ states = DEFAULT_LIFECYCLE_STATES, properties = DEFAULT_PROPERTIES, functions = DEFAULT_FUNCTIONS }]) {
    const known = new Set(states);
    const listed = states.join(', ');
    return lifecycleStateListener({ properties, functions }, (node, value) => {
      if (known.has(value)) return;
      context.report({ node, messageId: OUTCOME.test(value) ? 'outcomeAsState' : 'unknownState', data: { value, states: listed } });
    });
  },
});
