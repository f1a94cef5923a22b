import { LIFECYCLE_STATES } from '@forgesyte/registry';
import { DEFAULT_LIFECYCLE_STATES, validLifecycleState } from './valid-lifecycle-state.rule';
import { untypedRuleTester } from '../testing/rule-tester';

describe(validLifecycleState.name, () => {
  it("defaults to the registry's lifecycle states", () => {
    expect(DEFAULT_LIFECYCLE_STATES).toEqual(LIFECYCLE_STATES);
  });
});

untypedRuleTester().run('valid-lifecycle-state', validLifecycleState, {
  valid: [
    { name: 'every registry state in every position', code: "entry.state = 'LOADED'; if (entry.state === 'INITIALIZED') markState('RUNNING'); const x = { state: 'FAILED' }; state = 'UNAVAILABLE';" },
    { name: 'a job status is not a lifecycle state', code: "job.status = 'success'; if (job.status === 'failed') retry();" },
    { name: 'other properties', code: "entry.phase = 'SUCCESS'; const result = { outcome: 'ERROR' };" },
    { name: 'non-literal values', code: 'entry.state = next; if (entry.state === expected) done();' },
    { name: 'the registry getter', code: "class Entry { get state() { return this.down ? 'UNAVAILABLE' : 'INITIALIZED'; } }" },
    { name: 'a getter with another name', code: "class Job { get outcome() { return 'SUCCESS'; } }" },
    { name: 'a Jest assertion on another value', code: "expect(outcome.status).toBe('success');" },
    { name: 'relational comparisons are not equality', code: "if (entry.state > 'A') sort();" },
    { name: 'a configured state set', code: "entry.state = 'SUCCESS';", options: [{ states: ['SUCCESS', 'ERROR'] }] },
    { name: 'an empty placeholder before the first observation', code: "let state = '';\nwhile (state !== 'RUNNING') state = poll();" },
    { name: 'plain JavaScript', code: "module.exports = { state: 'LOADED' };", filename: 'plugin.js' },
  ],
  invalid: [
    { name: 'assigning SUCCESS', code: "entry.state = 'SUCCESS';", errors: [{ messageId: 'outcomeAsState', line: 1, column: 15, endColumn: 24 }] },
    { name: 'comparing with ERROR', code: "if (plugin.state === 'ERROR') alert();", errors: [{ messageId: 'outcomeAsState', line: 1, column: 22 }] },
    { name: 'the literal on the left', code: "if ('success' !== snapshot.state) retry();", errors: [{ messageId: 'outcomeAsState', line: 1, column: 5 }] },
    { name: 'an unknown state', code: "entry.state = 'READY';", errors: [{ messageId: 'unknownState', line: 1, column: 15 }] },
    { name: 'a job status as a state', code: "if (entry.state === 'failed') retry();", errors: [{ messageId: 'unknownState', line: 1, column: 21 }] },
    { name: 'a bare state variable', code: "let state = 'LOADED';\nstate = 'DONE';", errors: [{ messageId: 'unknownState', line: 2, column: 9 }] },
    { name: 'an object property', code: "const snapshot = { name: 'ocr', state: 'SUCCESS' };", errors: [{ messageId: 'outcomeAsState', line: 1, column: 40 }] },
    { name: 'a quoted key', code: "const snapshot = { 'state': 'ERROR' };", errors: [{ messageId: 'outcomeAsState', line: 1, column: 29 }] },
    { name: 'a class field', code: "class Entry { state = 'NEW'; }", errors: [{ messageId: 'unknownState', line: 1, column: 23 }] },
    { name: 'a template literal', code: 'entry.state = `SUCCESS`;', errors: [{ messageId: 'outcomeAsState', line: 1, column: 15 }] },
    {
      name: 'both branches of a conditional',
      code: "entry.state = ok ? 'SUCCESS' : 'ERROR';",
      errors: [
        { messageId: 'outcomeAsState', line: 1, column: 20 },
        { messageId: 'outcomeAsState', line: 1, column: 32 },
      ],
    },
    { name: 'a fallback', code: "entry.state = previous ?? 'IDLE';", errors: [{ messageId: 'unknownState', line: 1, column: 27 }] },
    {
      name: 'a switch on the state',
      code: "switch (entry.state) {\n  case 'RUNNING': break;\n  case 'SUCCESS': break;\n}",
      errors: [{ messageId: 'outcomeAsState', line: 3, column: 8 }],
    },
    { name: 'markState', code: "registry.markState('ERROR');", errors: [{ messageId: 'outcomeAsState', line: 1, column: 20 }] },
    { name: 'a configured function', code: "moveTo('SUCCESS');", options: [{ functions: ['moveTo'] }], errors: [{ messageId: 'outcomeAsState', line: 1, column: 8 }] },
    { name: 'a configured property', code: "entry.status = 'SUCCESS';", options: [{ properties: ['status'] }], errors: [{ messageId: 'outcomeAsState', line: 1, column: 16 }] },
    { name: 'a state getter', code: "class Entry { get state() { return 'SUCCESS'; } }", errors: [{ messageId: 'outcomeAsState', line: 1, column: 36 }] },
    { name: 'a Jest assertion', code: "expect(entry.state).toBe('ERROR');", errors: [{ messageId: 'outcomeAsState', line: 1, column: 26 }] },
    { name: 'a negated Jest assertion', code: "expect(entry.state).not.toEqual('DONE');", errors: [{ messageId: 'unknownState', line: 1, column: 33 }] },
    { name: 'a destructuring default', code: "const { state = 'SUCCESS' } = entry;", errors: [{ messageId: 'outcomeAsState', line: 1, column: 17 }] },
    { name: 'in plain JavaScript', code: "plugin.state = 'SUCCESS';", filename: 'plugin.js', errors: [{ messageId: 'outcomeAsState', line: 1, column: 16 }] },
  ],
});
