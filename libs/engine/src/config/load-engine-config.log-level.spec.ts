import { ConfigError } from './config.error';
import { LOG_LEVEL_NAMES } from './engine-config';
import { loadEngineConfig } from './load-engine-config';

describe('loadEngineConfig: FORGESYTE_LOG_LEVEL', () => {
  it('defaults to info', () => {
    expect(loadEngineConfig({}).logLevel).toBe('info');
  });

  it.each(LOG_LEVEL_NAMES)('accepts %s', (level) => {
    expect(loadEngineConfig({ FORGESYTE_LOG_LEVEL: ` ${level.toUpperCase()} ` }).logLevel).toBe(level);
  });

  it('refuses another word, naming the variable and the levels it accepts', () => {
    expect(() => loadEngineConfig({ FORGESYTE_LOG_LEVEL: 'verbose' })).toThrow(
      new ConfigError('FORGESYTE_LOG_LEVEL', "must be one of trace, debug, info, warn, error, fatal, silent; got 'verbose'."),
    );
  });
});
