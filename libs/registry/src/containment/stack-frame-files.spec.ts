import { stackFrameFiles, stackOf } from './stack-frame-files';

describe(stackFrameFiles.name, () => {
  it('reads the file of every V8 frame form, top-most first', () => {
    const stack = [
      'Error: boom',
      '    at Timeout._onTimeout (/srv/plugins/a/index.js:12:3)',
      '    at /srv/plugins/b.js:4:5',
      '    at async load (/srv/plugins/c (copy)/model.js:1:2)',
      '    at async file:///srv/plugins/d%20e/index.mjs:9:1',
      '    at Object.<anonymous> (C:\\plugins\\f.js:2:2)',
    ].join('\n');

    expect(stackFrameFiles(stack)).toEqual([
      '/srv/plugins/a/index.js',
      '/srv/plugins/b.js',
      '/srv/plugins/c (copy)/model.js',
      '/srv/plugins/d e/index.mjs',
      'C:\\plugins\\f.js',
    ]);
  });

  it('leaves out frames without an absolute file: Node internals, native and eval’d code', () => {
    const stack = [
      'Error: boom',
      '    at listOnTimeout (node:internal/timers:581:17)',
      '    at new Promise (<anonymous>)',
      '    at async Promise.all (index 0)',
      '    at eval (eval at run (/srv/plugins/a.js:1:1), <anonymous>:1:1)',
    ].join('\n');

    expect(stackFrameFiles(stack)).toEqual([]);
  });

  it('ignores message lines that are not frames', () => {
    expect(stackFrameFiles('Error: failed reading /srv/x.js:1:2\nbecause (/srv/y.js:3:4)')).toEqual([]);
  });
});

describe(stackOf.name, () => {
  it('reads the stack of an Error and of any value carrying a stack string', () => {
    expect(stackOf(new Error('x'))).toMatch(/^Error: x\n/);
    expect(stackOf({ stack: 'Error: other realm' })).toBe('Error: other realm');
  });

  it('gives nothing for a value without a stack, or whose stack getter throws', () => {
    const hostile = {
      get stack(): string {
        throw new Error('no');
      },
    };

    expect([stackOf('a string'), stackOf(undefined), stackOf(null), stackOf({ stack: 42 }), stackOf(hostile)]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
