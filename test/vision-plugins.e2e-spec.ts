import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';
import { fixtureImageBase64 } from './support/fixture-images';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const expected = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'images', 'motion-expected.json'), 'utf8')) as {
  regions: Box[];
};

function iou(a: Box, b: Box): number {
  const overlapW = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const overlapH = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const overlap = overlapW * overlapH;
  return overlap / (a.width * a.height + b.width * b.height - overlap);
}

const frame = (file: string, mime: string) => ({ image: fixtureImageBase64(file), mime_type: mime });

describe('shipped vision plugins over HTTP', () => {
  let api: E2eApp;
  const analyze = (body: object) => api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send(body);

  beforeAll(async () => {
    api = await startApp();
  });
  afterAll(() => api.close());

  describe('motion-detect', () => {
    it.each([
      ['PNG', 'motion-a.png', 'motion-b.png', 'image/png'],
      ['JPEG', 'motion-a.jpg', 'motion-b.jpg', 'image/jpeg'],
    ])('finds exactly the known moving rectangles in the %s pair', async (_kind, a, b, mime) => {
      const response = await analyze({ plugin: 'motion-detect', args: { frame_a: frame(a, mime), frame_b: frame(b, mime) } });

      expect(response.status).toBe(200);
      const regions = response.body.result.regions as Box[];
      expect(response.body.result.motion).toBe(true);
      expect(regions).toHaveLength(expected.regions.length);
      for (const known of expected.regions) {
        expect(Math.max(...regions.map((region) => iou(region, known)))).toBeGreaterThanOrEqual(0.8);
      }
    });

    it('reports no motion for identical frames', async () => {
      const same = frame('motion-a.png', 'image/png');

      const response = await analyze({ plugin: 'motion-detect', args: { frame_a: same, frame_b: same } });

      expect(response.body.result).toMatchObject({ motion: false, changed_fraction: 0, regions: [] });
    });

    it('refuses frames of different sizes with both sizes in the message', async () => {
      const response = await analyze({
        plugin: 'motion-detect',
        args: { frame_a: frame('motion-a.png', 'image/png'), frame_b: frame('grey.png', 'image/png') },
      });

      expectEnvelope(response, 400, { code: 'INPUT_INVALID', type: 'ValidationError', plugin: 'motion-detect' });
      expect(response.body.error.message).toMatch(/320x240.*32x32|320×240.*32×32/);
    });

    it.each([
      ['a zero-byte frame', { image: '', mime_type: 'image/png' }, /frame_b/],
      ['a corrupt frame', { image: Buffer.from('not an image at all').toString('base64'), mime_type: 'image/png' }, /frame_b\.image` could not be decoded/],
      ['a PNG declared as JPEG', frame('motion-b.png', 'image/jpeg'), /`frame_b\.mime_type` is image\/jpeg but `frame_b\.image` is a png image/],
    ])('answers %s with a clear envelope, and the server stays up', async (_case, frameB, message) => {
      const response = await analyze({ plugin: 'motion-detect', args: { frame_a: frame('motion-a.png', 'image/png'), frame_b: frameB } });

      expectEnvelope(response, 400, { code: 'INPUT_INVALID', type: 'ValidationError', plugin: 'motion-detect' });
      expect(response.body.error.message).toMatch(message);
      expect((await api.http().get('/v1/health')).status).toBe(200);
    });
  });
});
