import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  InternalServerErrorException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  UnauthorizedException,
} from '@nestjs/common';
import { InternalError, JobNotFoundError } from '@forgesyte/errors';
import type { Request } from 'express';
import { toForgeSyteError } from './to-forgesyte-error';

const request = { method: 'PATCH', path: '/v2/things' } as unknown as Request;

describe('toForgeSyteError', () => {
  it('returns a domain error unchanged', () => {
    const error = new JobNotFoundError('job-1');

    expect(toForgeSyteError(error, request)).toBe(error);
  });

  it.each([
    ['NotFoundException', new NotFoundException()],
    ['MethodNotAllowedException', new MethodNotAllowedException()],
  ])('turns a %s into ROUTE_NOT_FOUND naming the method and path', (_, exception) => {
    expect(toForgeSyteError(exception, request)).toMatchObject({
      code: 'ROUTE_NOT_FOUND',
      details: { method: 'PATCH', path: '/v2/things' },
    });
  });

  it.each([
    ['BadRequestException', new BadRequestException('field x is wrong'), 'REQUEST_INVALID'],
    ['UnauthorizedException', new UnauthorizedException('who are you'), 'UNAUTHENTICATED'],
    ['ForbiddenException', new ForbiddenException(), 'FORBIDDEN'],
    ['PayloadTooLargeException', new PayloadTooLargeException(), 'PAYLOAD_TOO_LARGE'],
    ['a 429 HttpException', new HttpException('slow down', HttpStatus.TOO_MANY_REQUESTS), 'RATE_LIMITED'],
    ['InternalServerErrorException', new InternalServerErrorException(), 'INTERNAL'],
    ['a 418 HttpException', new HttpException('teapot', HttpStatus.I_AM_A_TEAPOT), 'INTERNAL'],
  ])('turns a %s into %s', (_, exception, code) => {
    expect(toForgeSyteError(exception, request).code).toBe(code);
  });

  it('keeps the message of a BadRequestException in the REQUEST_INVALID message', () => {
    expect(toForgeSyteError(new BadRequestException('field x is wrong'), request).message).toContain('field x is wrong');
  });

  it('turns an unknown Error into INTERNAL, keeping it as the cause', () => {
    const thrown = new TypeError('undefined is not a function');

    const error = toForgeSyteError(thrown, request);

    expect(error).toBeInstanceOf(InternalError);
    expect(error.cause).toBe(thrown);
  });

  it.each([['a string', 'oops'], ['an object', { not: 'an error' }], ['undefined', undefined], ['null', null], ['a number', 42]])(
    'turns %s thrown into INTERNAL',
    (_, thrown) => {
      expect(toForgeSyteError(thrown, request)).toBeInstanceOf(InternalError);
    },
  );

  it('does not put the message of an unknown Error in the INTERNAL message', () => {
    const error = toForgeSyteError(new Error('connection string postgres://u:p@db'), request);

    expect(error.message).not.toContain('postgres://');
  });
});
