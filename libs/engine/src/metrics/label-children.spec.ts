import { Counter, Registry } from 'prom-client';
import { LabelChildren } from './label-children';

describe('LabelChildren', () => {
  it('binds each set of label values once and hands back the same child after', () => {
    const bound: string[][] = [];
    const children = new LabelChildren((...values) => {
      bound.push(values);
      return { values };
    });
    const first = children.of('ocr', 'read', 'success');
    expect(children.of('ocr', 'read', 'success')).toBe(first);
    expect(children.of('ocr', 'read', 'PLUGIN_TIMEOUT')).not.toBe(first);
    expect(bound).toEqual([
      ['ocr', 'read', 'success'],
      ['ocr', 'read', 'PLUGIN_TIMEOUT'],
    ]);
  });

  it('keeps value lists apart that the same words would join alike', () => {
    const children = new LabelChildren((...values) => ({ values }));
    expect(children.of('a b', 'c')).not.toBe(children.of('a', 'b c'));
    expect(children.of('a b', 'c').values).toEqual(['a b', 'c']);
  });

  it('feeds the labelled series of a prom-client metric', async () => {
    const registry = new Registry();
    const counter = new Counter({ name: 'calls_total', help: 'calls', labelNames: ['status', 'mode'], registers: [registry] });
    const children = new LabelChildren((status, mode) => counter.labels(status, mode));
    children.of('completed', 'sync').inc();
    children.of('completed', 'sync').inc();
    children.of('failed', 'async').inc();
    const values = (await counter.get()).values.map(({ labels, value }) => [labels.status, labels.mode, value]);
    expect(values).toEqual([
      ['completed', 'sync', 2],
      ['failed', 'async', 1],
    ]);
  });
});
