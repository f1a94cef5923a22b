import { getMetadataStorage, IsDefined, IsString, ValidateIf, ValidateNested, validateSync } from 'class-validator';
import { AnalyzeRequestDto } from '../analysis/dto/analyze-request.dto';
import { IdempotencyKeyHeader } from '../analysis/dto/idempotency-key.header';
import { JobIdParams } from '../analysis/dto/job-id.params';
import { ListJobsQueryDto } from '../analysis/dto/list-jobs-query.dto';
import { PluginNameParams } from '../plugins/dto/plugin-name.params';
import { dtoVerdictOf } from './dto-verdict';

/** Values of every kind a request part can hold, valid and not for one property or another. */
const CANDIDATES: readonly unknown[] = [
  undefined,
  null,
  '',
  'echo',
  'ocr',
  'Your_Plugin',
  '9lives',
  'a'.repeat(64),
  'a'.repeat(65),
  'x'.repeat(129),
  'y'.repeat(513),
  'detect',
  'pending',
  'succeeded',
  'success',
  '10',
  '0',
  '-1',
  '1.5',
  '550e8400-e29b-41d4-a716-446655440000',
  '550E8400-E29B-41D4-A716-446655440000',
  'not-a-uuid',
  'key with spaces',
  'k'.repeat(200),
  0,
  1,
  5,
  10,
  42,
  Number.NaN,
  true,
  {},
  { message: 'hi' },
  [],
  ['echo'],
];

/** A small seeded generator, so that a failure names values that can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const DTOS = [AnalyzeRequestDto, ListJobsQueryDto, JobIdParams, PluginNameParams, IdempotencyKeyHeader];

describe(dtoVerdictOf.name, () => {
  it.each(DTOS.map((dto) => [dto.name, dto] as const))('agrees with validateSync on %s for 5,000 values of every kind', (_name, dto) => {
    const verdict = dtoVerdictOf(dto);
    expect(verdict).toBeDefined();
    const names = [...new Set(ruleNames(dto))];
    const next = random(7);
    let accepted = 0;
    for (let i = 0; i < 5_000; i += 1) {
      const instance = Object.create(dto.prototype) as Record<string, unknown>;
      for (const name of names) {
        // Each property left out half the time: with every property drawn, a DTO of seven would almost never be valid.
        if (next() < 0.5) continue;
        const value = CANDIDATES[Math.floor(next() * CANDIDATES.length)];
        if (value !== undefined || next() < 0.5) instance[name] = value;
      }
      const expected = validateSync(instance, { forbidUnknownValues: true }).length === 0;
      if (verdict?.(instance) !== expected) throw new Error(`${dto.name}: verdict ${String(!expected)}, validateSync ${String(expected)} on ${JSON.stringify(instance)}`);
      if (expected) accepted += 1;
    }
    // Both answers were seen: the corpus reaches valid instances as well as invalid ones.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(5_000);
  });

  it('accepts a valid analyze body and refuses an invalid one', () => {
    const verdict = dtoVerdictOf(AnalyzeRequestDto);
    const of = (value: object): object => Object.assign(Object.create(AnalyzeRequestDto.prototype as object) as object, value);
    expect(verdict?.(of({ plugin: 'echo', tool: 'echo', args: { message: 'hi' } }))).toBe(true);
    expect(verdict?.(of({ plugin: 'Your_Plugin' }))).toBe(false);
    expect(verdict?.(of({ tool: 'echo' }))).toBe(false);
    expect(verdict?.(of({ plugin: 'echo', args: [] }))).toBe(false);
  });

  it('has no verdict for a DTO with a rule it does not know, which validateSync then always checks', () => {
    class Inner {
      @IsString()
      readonly name!: string;
    }
    class Outer {
      @ValidateNested()
      @IsDefined()
      readonly inner!: Inner;
    }
    class Each {
      @IsString({ each: true })
      readonly names!: string[];
    }
    class Grouped {
      @ValidateIf(() => true, { groups: ['admin'] })
      @IsString({ groups: ['admin'] })
      readonly name!: string;
    }
    expect(dtoVerdictOf(Outer)).toBeUndefined();
    expect(dtoVerdictOf(Each)).toBeUndefined();
    expect(dtoVerdictOf(Grouped)).toBeUndefined();
  });
});

/** The property names a DTO's decorators name. */
function ruleNames(dto: abstract new (...args: never[]) => object): string[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(dto as new () => object, '', true, false)
    .map((rule) => rule.propertyName);
}
