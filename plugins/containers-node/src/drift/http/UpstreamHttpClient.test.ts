import {
  startTestServer,
  sendJson,
  TestServer,
} from '../__testUtils__/testServer';
import { InMemoryHttpCache } from './cache';
import {
  UpstreamHttpClient,
  UpstreamHttpClientOptions,
} from './UpstreamHttpClient';

function client(options: Partial<UpstreamHttpClientOptions> = {}) {
  return new UpstreamHttpClient({
    concurrencyPerHost: 4,
    timeoutMs: 2000,
    retries: 2,
    maxRetryWaitMs: 5000,
    backoffMs: 10,
    ...options,
  });
}

describe('UpstreamHttpClient', () => {
  const servers: TestServer[] = [];
  const start = async (...args: Parameters<typeof startTestServer>) => {
    const server = await startTestServer(...args);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });

  it('makes conditional requests with the cached ETag and serves the body on 304', async () => {
    const server = await start((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return;
      }
      sendJson(res, ['1.0.0'], {
        etag: '"v1"',
        link: '<http://x/?page=2>; rel="next"',
      });
    });
    const cache = new InMemoryHttpCache();
    const http = client({ cache });

    const first = await http.get(`${server.url}/tags`);
    const second = await http.get(`${server.url}/tags`);

    expect(first).toMatchObject({
      status: 200,
      body: '["1.0.0"]',
      notModified: false,
    });
    expect(second).toMatchObject({
      status: 200,
      body: '["1.0.0"]',
      notModified: true,
      link: '<http://x/?page=2>; rel="next"',
    });
    expect(server.requests.map(r => r.headers['if-none-match'])).toEqual([
      undefined,
      '"v1"',
    ]);
    expect(http.stats).toMatchObject({ requests: 2, notModified: 1 });
  });

  it('uses Last-Modified when there is no ETag', async () => {
    const server = await start((req, res) => {
      if (req.headers['if-modified-since']) {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' });
      res.end('<html>spark-4.0.1/</html>');
    });
    const http = client({ cache: new InMemoryHttpCache() });
    await http.get(server.url);
    const second = await http.get(server.url);
    expect(second.body).toBe('<html>spark-4.0.1/</html>');
    expect(server.requests[1].headers['if-modified-since']).toBe(
      'Wed, 01 Jan 2025 00:00:00 GMT',
    );
  });

  it('retries 5xx with backoff and succeeds', async () => {
    let calls = 0;
    const server = await start((_req, res) => {
      calls += 1;
      if (calls < 3) {
        res.writeHead(502);
        res.end('bad gateway');
        return;
      }
      sendJson(res, { ok: true });
    });
    const result = await client().get(server.url);
    expect(result.body).toBe('{"ok":true}');
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after the retries with the status in the message', async () => {
    const server = await start((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    await expect(client({ retries: 1 }).get(`${server.url}/x`)).rejects.toThrow(
      `GET ${server.url}/x: HTTP 500 Internal Server Error (after 2 attempts)`,
    );
    expect(server.requests).toHaveLength(2);
  });

  it('waits as long as Retry-After says on 429', async () => {
    let calls = 0;
    const server = await start((_req, res) => {
      calls += 1;
      if (calls === 1) {
        res.writeHead(429, { 'retry-after': '1' });
        res.end();
        return;
      }
      sendJson(res, []);
    });
    const started = Date.now();
    await client().get(server.url);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('fails at once when Retry-After asks for longer than maxRetryWait', async () => {
    const server = await start((_req, res) => {
      res.writeHead(429, { 'retry-after': '3600' });
      res.end();
    });
    await expect(client().get(server.url)).rejects.toThrow(
      /rate limited \(HTTP 429\); the server asks to wait 3600 s/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it("honours GitHub's exhausted rate limit for the following requests", async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const server = await start((_req, res) => {
      sendJson(res, [], {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      });
    });
    const http = client();
    await http.get(`${server.url}/a`);
    await expect(http.get(`${server.url}/b`)).rejects.toThrow(
      /rate limit of 127\.0\.0\.1:\d+ exhausted until/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('times out a request that does not answer, without asking again', async () => {
    const server = await start(() => {
      // never answers
    });
    const started = Date.now();
    await expect(
      client({ timeoutMs: 200, retries: 2 }).get(server.url),
    ).rejects.toThrow(`GET ${server.url}/: timed out after 0.2 s`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it('times out a body that never ends', async () => {
    const server = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('["1.0.0",');
    });
    await expect(client({ timeoutMs: 200 }).get(server.url)).rejects.toThrow(
      /timed out after 0.2 s/,
    );
  });

  it('retries a dropped connection', async () => {
    let calls = 0;
    const server = await start((req, res) => {
      calls += 1;
      if (calls === 1) {
        req.socket.destroy();
        return;
      }
      sendJson(res, ['ok']);
    });
    await expect(client().get(server.url)).resolves.toMatchObject({
      body: '["ok"]',
    });
    expect(server.requests).toHaveLength(2);
  });

  it('reports a refused connection as a network error', async () => {
    const server = await start(() => {});
    const url = server.url;
    await server.close();
    servers.pop();
    await expect(client({ retries: 0 }).get(url)).rejects.toThrow(
      /network error: ECONNREFUSED/,
    );
  });

  it('refuses hosts outside allowedHosts without contacting them', async () => {
    const server = await start((_req, res) => sendJson(res, []));
    await expect(
      client({ allowedHosts: ['api.github.com'] }).get(server.url),
    ).rejects.toThrow(
      `host ${server.host} is not in containers.drift.allowedHosts`,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('sends a credential only to its own host, also across redirects', async () => {
    const other = await start((_req, res) => sendJson(res, ['moved']));
    const origin = await start((_req, res) => {
      res.writeHead(302, { location: `${other.url}/elsewhere` });
      res.end();
    });
    const result = await client().get(`${origin.url}/start`, {
      credentials: [{ host: origin.host, authorization: 'Bearer secret' }],
    });
    expect(result.body).toBe('["moved"]');
    expect(origin.requests[0].headers.authorization).toBe('Bearer secret');
    expect(other.requests[0].headers.authorization).toBeUndefined();
  });

  it('checks allowedHosts on every redirect', async () => {
    const other = await start((_req, res) => sendJson(res, []));
    const origin = await start((_req, res) => {
      res.writeHead(301, { location: `${other.url}/x` });
      res.end();
    });
    await expect(
      client({ allowedHosts: [origin.host] }).get(origin.url),
    ).rejects.toThrow(/is not in containers.drift.allowedHosts/);
    expect(other.requests).toHaveLength(0);
  });

  it('keeps at most concurrencyPerHost requests in flight to one host', async () => {
    let inFlight = 0;
    let most = 0;
    const server = await start((_req, res) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        sendJson(res, []);
      }, 30);
    });
    const http = client({ concurrencyPerHost: 3 });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => http.get(`${server.url}/${i}`)),
    );
    expect(most).toBe(3);
  });

  it('hands back accepted statuses and fails on other 4xx', async () => {
    const server = await start((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no such repository');
    });
    const http = client();
    await expect(
      http.get(server.url, { acceptStatus: [404] }),
    ).resolves.toMatchObject({ status: 404, body: 'no such repository' });
    await expect(http.get(server.url)).rejects.toThrow(/HTTP 404 Not Found/);
  });
});
