import { Controller, Delete, Get, Header, HttpCode, type INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ExpressAdapter } from '@nestjs/platform-express';
import request, { type Response } from 'supertest';
import { JsonReplyExpressAdapter } from './json-reply.adapter';

const ANSWER = { job_id: 'a1', status: 'completed', text: 'déjà vu ✓', items: [1, 2, { nested: null }] };

@Controller('answers')
class AnswersController {
  @Post()
  @HttpCode(202)
  @Header('Location', '/answers/a1')
  created(): object {
    return ANSWER;
  }

  @Get()
  read(): object {
    return ANSWER;
  }

  @Delete()
  list(): unknown[] {
    return [ANSWER, ANSWER];
  }

  @Post('text')
  text(): string {
    return 'plain words';
  }

  @Post('typed')
  @Header('Content-Type', 'application/problem+json')
  typed(): object {
    return ANSWER;
  }

  @Post('empty')
  @HttpCode(204)
  empty(): object {
    return ANSWER;
  }
}

async function appWith(adapter: ExpressAdapter): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ controllers: [AnswersController] }).compile();
  const app = moduleRef.createNestApplication(adapter, { logger: false });
  await app.init();
  return app;
}

/** What a client sees of an answer, the ETag aside. */
function seen(response: Response): object {
  return { status: response.status, type: response.headers['content-type'], length: response.headers['content-length'], location: response.headers.location, text: response.text };
}

describe('JsonReplyExpressAdapter', () => {
  let fast: INestApplication;
  let express: INestApplication;
  beforeAll(async () => {
    [fast, express] = await Promise.all([appWith(new JsonReplyExpressAdapter()), appWith(new ExpressAdapter())]);
  });
  afterAll(async () => {
    await Promise.all([fast.close(), express.close()]);
  });

  const both = async (send: (app: INestApplication) => request.Test): Promise<[Response, Response]> => [await send(fast), await send(express)];

  it("answers a POST's JSON as Express's res.json does (status, headers, bytes), without the ETag", async () => {
    const [direct, viaExpress] = await both((app) => request(app.getHttpServer()).post('/answers'));
    expect(seen(direct)).toEqual(seen(viaExpress));
    expect(direct.status).toBe(202);
    expect(direct.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(direct.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(ANSWER)));
    expect(JSON.parse(direct.text)).toEqual(ANSWER);
    expect(viaExpress.headers.etag).toBeDefined();
    expect(direct.headers.etag).toBeUndefined();
  });

  it('answers an array of a DELETE the same way', async () => {
    const [direct, viaExpress] = await both((app) => request(app.getHttpServer()).delete('/answers'));
    expect(seen(direct)).toEqual(seen(viaExpress));
    expect(JSON.parse(direct.text)).toEqual([ANSWER, ANSWER]);
  });

  it("leaves a GET to Express: its ETag, and 304 to a matching If-None-Match", async () => {
    const [direct, viaExpress] = await both((app) => request(app.getHttpServer()).get('/answers'));
    expect(seen(direct)).toEqual(seen(viaExpress));
    expect(direct.headers.etag).toBe(viaExpress.headers.etag);
    const again = await request(fast.getHttpServer()).get('/answers').set('If-None-Match', String(direct.headers.etag));
    expect(again.status).toBe(304);
  });

  it('leaves a string body, a Content-Type the handler set, and a 204 to Express', async () => {
    for (const path of ['/answers/text', '/answers/typed', '/answers/empty']) {
      const [direct, viaExpress] = await both((app) => request(app.getHttpServer()).post(path));
      expect({ path, ...seen(direct), etag: direct.headers.etag }).toEqual({ path, ...seen(viaExpress), etag: viaExpress.headers.etag });
    }
  });
});
