import { sendJson, startTestServer } from './http';

describe('startTestServer', () => {
  it('answers on 127.0.0.1 and records each request', async () => {
    const server = await startTestServer((req, res) =>
      sendJson(res, { path: req.url }, { etag: '"1"' }, 201),
    );
    try {
      expect(server.url).toBe(`http://${server.host}`);
      expect(server.host).toMatch(/^127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.url}/v2/tags?n=1`, {
        headers: { accept: 'application/json' },
      });
      expect(response.status).toBe(201);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({ path: '/v2/tags?n=1' });
      expect(server.requests).toEqual([
        expect.objectContaining({
          method: 'GET',
          url: '/v2/tags?n=1',
          headers: expect.objectContaining({ accept: 'application/json' }),
        }),
      ]);
    } finally {
      await server.close();
    }
  });

  it('closes even while a client keeps its connection open', async () => {
    const server = await startTestServer((_req, res) => sendJson(res, {}));
    await fetch(server.url, { keepalive: true });
    await server.close();
    await expect(fetch(server.url)).rejects.toThrow();
  });
});
