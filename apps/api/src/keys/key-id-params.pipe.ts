import { Injectable, type PipeTransform } from '@nestjs/common';
import { KeyNotFoundError } from '@forgesyte/errors';
import { DtoCheck } from '../validation/dto-check';
import { KeyIdParams } from './dto/key-id.params';

const PARAMS = new DtoCheck('path', KeyIdParams);

/**
 * Checks the `{id}` of a key URL; an id no key can have answers 404 `KEY_NOT_FOUND`, as an unknown one
 * does, without repeating it (it may be anything: 5,000 characters, control characters).
 */
@Injectable()
export class KeyIdParamsPipe implements PipeTransform<unknown, KeyIdParams> {
  transform(params: unknown): KeyIdParams {
    const result = PARAMS.inspect(params);
    if (result.valid) return result.dto;
    throw new KeyNotFoundError(undefined);
  }
}
