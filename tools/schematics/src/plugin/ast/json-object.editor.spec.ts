import { inlineJson, jsonPropertyEdit, readJson } from './json-object.editor';
import { applyEdits } from './text-edit';

function add(source: string, path: string[], key: string, value: Parameters<typeof inlineJson>[0]): string {
  const edit = jsonPropertyEdit(source, 'file.json', path, key, value);
  return edit === undefined ? source : applyEdits(source, [edit]);
}

describe(jsonPropertyEdit.name, () => {
  it('adds a property on a new line with the indentation of the last one', () => {
    const source = '{\n  "projects": {\n    "a": { "root": "a" }\n  }\n}\n';

    expect(add(source, ['projects'], 'b', { root: 'b' })).toBe('{\n  "projects": {\n    "a": { "root": "a" },\n    "b": { "root": "b" }\n  }\n}\n');
  });

  it('adds a property inline to an object written on one line', () => {
    expect(add('{ "paths": { "a": ["x"] } }', ['paths'], 'b', ['y'])).toBe('{ "paths": { "a": ["x"], "b": ["y"] } }');
  });

  it('fills an empty object', () => {
    expect(add('{ "projects": {} }', ['projects'], 'a', 1)).toBe('{ "projects": { "a": 1 } }');
  });

  it('adds nothing when the key is there', () => {
    expect(jsonPropertyEdit('{ "a": { "b": 1 } }', 'file.json', ['a'], 'b', 2)).toBeUndefined();
  });

  it('throws, naming the path, when an object on it is missing', () => {
    expect(() => jsonPropertyEdit('{ "a": 1 }', 'file.json', ['a', 'b'], 'c', 1)).toThrow('file.json has no object at "a.b" to add "c" to.');
  });
});

describe(inlineJson.name, () => {
  it('writes short JSON as this repository does', () => {
    expect(inlineJson({ type: 'library', root: 'libs/x', list: ['a', 'b'], empty: {} })).toBe(
      '{ "type": "library", "root": "libs/x", "list": ["a", "b"], "empty": {} }',
    );
  });
});

describe(readJson.name, () => {
  it('reads JSON with comments and trailing commas', () => {
    expect(readJson('{ // note\n "a": [1,], }', 'file.json')).toEqual({ a: [1] });
  });
});
