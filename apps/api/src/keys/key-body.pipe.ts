import { Injectable, type PipeTransform } from '@nestjs/common';
import { RequestInvalidError } from '@forgesyte/errors';
import type { KeyLimits, KeyPatch, NewKeyInput } from '@forgesyte/keys';
import { DtoCheck } from '../validation/dto-check';
import { CreateKeyDto, type KeyLimitsBody } from './dto/create-key.dto';
import { UpdateKeyDto } from './dto/update-key.dto';

const CREATE = new DtoCheck('body', CreateKeyDto);
const UPDATE = new DtoCheck('body', UpdateKeyDto);
const FIELDS = 'name, scopes, plugins, tools, limits, expires_at';

/** Checks the body of `POST /v1/keys` ({@link CreateKeyDto}) into a {@link NewKeyInput}. */
@Injectable()
export class CreateKeyBodyPipe implements PipeTransform<unknown, NewKeyInput> {
  transform(body: unknown): NewKeyInput {
    const dto = CREATE.check(present(body));
    return {
      name: dto.name,
      scopes: dto.scopes,
      plugins: dto.plugins,
      tools: dto.tools,
      limits: dto.limits === undefined ? undefined : limitsOf(dto.limits),
      expiresAt: dto.expires_at,
    };
  }
}

/** Checks the body of `PATCH /v1/keys/{id}` ({@link UpdateKeyDto}) into {@link KeyPatch}: at least one field. */
@Injectable()
export class UpdateKeyBodyPipe implements PipeTransform<unknown, KeyPatch> {
  transform(body: unknown): KeyPatch {
    const dto = UPDATE.check(present(body));
    const changes: KeyPatch = {
      ...(dto.name === undefined ? {} : { name: dto.name }),
      ...(dto.scopes === undefined ? {} : { scopes: dto.scopes }),
      ...(dto.plugins === undefined ? {} : { plugins: dto.plugins }),
      ...(dto.tools === undefined ? {} : { tools: dto.tools }),
      ...(dto.limits === undefined ? {} : { limits: dto.limits === null ? null : limitsOf(dto.limits) }),
      ...(dto.expires_at === undefined ? {} : { expiresAt: dto.expires_at }),
    };
    if (Object.keys(changes).length === 0) throw new RequestInvalidError(`The request body changes nothing. Send at least one of ${FIELDS}.`);
    return changes;
  }
}

function present(body: unknown): unknown {
  if (body === undefined) throw new RequestInvalidError('The request has no JSON body. Send a JSON object with Content-Type: application/json.');
  return body;
}

function limitsOf(body: KeyLimitsBody): KeyLimits {
  return {
    ...(body.rate_per_minute === undefined ? {} : { ratePerMinute: body.rate_per_minute }),
    ...(body.max_queued === undefined ? {} : { maxQueued: body.max_queued }),
  };
}
