import { LookupAddress } from 'dns';
import { gzipSync } from 'zlib';
import { startTestServer, sendJson, TestServer } from '@dockyard/test-utils';
import { InMemoryHttpCache } from './cache';
import {
  UpstreamHttpClient,
  UpstreamHttpClientOptions,
} from './UpstreamHttpClient';

/** A client that may contact the test servers: 127.0.0.1 is listed explicitly. */
function client(options: Partial<UpstreamHttpClientOptions> = {}) {
  return new UpstreamHttpClient({
    allowedHosts: ['127.0.0.1'],
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

  it('asks with HEAD for headers only, whatever length the body would have', async () => {
    const server = await start((req, res) => {
      res.writeHead(200, {
        'docker-content-digest': 'sha256:abc',
        'content-length': String(64 * 1024 * 1024),
      });
      res.end(req.method === 'HEAD' ? undefined : 'a manifest');
    });
    const result = await client().get(`${server.url}/v2/x/manifests/1`, {
      method: 'HEAD',
    });
    expect(result).toMatchObject({ status: 200, body: '' });
    expect(result.headers.get('docker-content-digest')).toBe('sha256:abc');
    expect(server.requests[0].method).toBe('HEAD');
  });

  it('makes a HEAD conditional only when asked, keeping the listed headers for a 304', async () => {
    const server = await start((req, res) => {
      if (req.headers['if-none-match'] === '"m1"') {
        res.writeHead(304, { etag: '"m1"' });
        res.end();
        return;
      }
      res.writeHead(200, {
        etag: '"m1"',
        'docker-content-digest': 'sha256:abc',
        'x-other': 'not kept',
      });
      res.end(req.method === 'HEAD' ? undefined : '{"manifest":true}');
    });
    const cache = new InMemoryHttpCache();
    const http = client({ cache });
    const url = `${server.url}/v2/x/manifests/1`;
    await http.get(url, { method: 'HEAD' });
    await http.get(url, { method: 'HEAD' });
    expect(server.requests[1].headers['if-none-match']).toBeUndefined();

    const head = { method: 'HEAD' as const, conditional: true };
    const keep = { ...head, keepHeaders: ['Docker-Content-Digest'] };
    await http.get(url, keep);
    const again = await http.get(url, keep);
    expect(server.requests[3].headers['if-none-match']).toBe('"m1"');
    expect(again).toMatchObject({ status: 200, body: '', notModified: true });
    expect(again.headers.get('docker-content-digest')).toBe('sha256:abc');
    expect(again.headers.get('x-other')).toBeNull();

    // The HEAD's entry sits beside the GET's: the GET still gets its own body.
    await http.get(url);
    const body = await http.get(url);
    expect(body).toMatchObject({
      body: '{"manifest":true}',
      notModified: true,
    });
  });

  it('reads gzip-encoded bodies', async () => {
    const server = await start((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify(['1.0.0'])));
    });
    expect((await client().get(server.url)).body).toBe('["1.0.0"]');
    expect(server.requests[0].headers['accept-encoding']).toContain('gzip');
  });
});

/** A resolver standing in for DNS: names of the test, never the network's. */
function fakeDns(names: Record<string, string>) {
  return jest.fn(async (hostname: string): Promise<LookupAddress[]> => {
    const address = names[hostname];
    if (!address) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
      });
    }
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  });
}

describe('UpstreamHttpClient network defaults', () => {
  const servers: TestServer[] = [];
  const start = async (...args: Parameters<typeof startTestServer>) => {
    const server = await startTestServer(...args);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });

  /** Without allowedHosts, as `dockyard drift` runs by default. */
  const unlisted = (options: Partial<UpstreamHttpClientOptions> = {}) =>
    client({ allowedHosts: undefined, retries: 0, ...options });

  it.each(['10.0.0.8', '169.254.169.254', '::ffff:10.0.0.8', 'fd00::8'])(
    'refuses a name that resolves to %s without opening a connection',
    async address => {
      const resolveHost = fakeDns({ 'feed.test': address });
      const http = unlisted({ resolveHost });
      await expect(
        http.get('http://feed.test/latest/meta-data/'),
      ).rejects.toThrow(
        /^GET http:\/\/feed\.test\/latest\/meta-data\/: feed\.test resolves to .*, which is not a public address \((private|link-local|unique-local)\); it is contacted only when its host is listed in containers\.drift\.allowedHosts or configured as an endpoint$/,
      );
      expect(resolveHost).toHaveBeenCalledWith('feed.test');
      expect(http.stats.connections).toBe(0);
    },
  );

  it('refuses every spelling of loopback without allowedHosts, and never connects', async () => {
    const server = await start((_req, res) => sendJson(res, []));
    const port = new URL(server.url).port;
    const http = unlisted();
    for (const host of [
      'localhost',
      '127.0.0.1',
      '2130706433',
      '0x7f.1',
      '0177.0.0.1',
      '127.1',
      '[::ffff:127.0.0.1]',
      '[::1]',
      '0.0.0.0',
    ]) {
      await expect(http.get(`http://${host}:${port}/`)).rejects.toThrow(
        /is not a public address \((loopback|unspecified)\)/,
      );
    }
    expect(server.requests).toHaveLength(0);
    expect(http.stats.connections).toBe(0);
  });

  it('contacts an internal host listed explicitly, by name or address', async () => {
    const server = await start((_req, res) => sendJson(res, ['ok']));
    const port = new URL(server.url).port;
    const resolveHost = fakeDns({ 'registry.internal': '127.0.0.1' });

    const byConfig = unlisted({
      resolveHost,
      explicitHosts: [`registry.internal:${port}`],
    });
    await expect(
      byConfig.get(`http://registry.internal:${port}/v2/`),
    ).resolves.toMatchObject({ body: '["ok"]' });
    expect(server.requests[0].headers.host).toBe(`registry.internal:${port}`);

    const byAllowedHosts = client({ allowedHosts: [server.host] });
    await expect(byAllowedHosts.get(server.url)).resolves.toMatchObject({
      body: '["ok"]',
    });
    expect(byAllowedHosts.stats.connections).toBe(1);
  });

  it('does not count another port, or a wildcard, as listed', async () => {
    const server = await start((_req, res) => sendJson(res, []));
    const port = Number(new URL(server.url).port);
    const resolveHost = fakeDns({
      'registry.internal': '127.0.0.1',
      'mirror.corp.test': '127.0.0.1',
    });
    await expect(
      unlisted({
        resolveHost,
        explicitHosts: [`registry.internal:${port + 1}`],
      }).get(`http://registry.internal:${port}/`),
    ).rejects.toThrow(/not a public address \(loopback\)/);
    await expect(
      unlisted({ resolveHost, allowedHosts: ['*.corp.test'] }).get(
        `http://mirror.corp.test:${port}/`,
      ),
    ).rejects.toThrow(/not a public address \(loopback\)/);
    expect(server.requests).toHaveLength(0);
  });

  it('checks the address of every redirect hop', async () => {
    const resolveHost = fakeDns({ 'metadata.test': '169.254.169.254' });
    const origin = await start((req, res) => {
      res.writeHead(302, {
        location:
          req.url === '/by-name'
            ? 'http://metadata.test/latest/meta-data/'
            : 'http://169.254.169.254/latest/meta-data/',
      });
      res.end();
    });
    const http = unlisted({ resolveHost, explicitHosts: [origin.host] });
    await expect(http.get(`${origin.url}/by-name`)).rejects.toThrow(
      'GET http://metadata.test/latest/meta-data/: metadata.test resolves to 169.254.169.254, which is not a public address (link-local)',
    );
    await expect(http.get(`${origin.url}/by-address`)).rejects.toThrow(
      'GET http://169.254.169.254/latest/meta-data/: 169.254.169.254 is not a public address (link-local)',
    );
    expect(origin.requests).toHaveLength(2);
    // Only the connection to the allowed origin was opened.
    expect(http.stats.connections).toBe(1);
  });

  it('ends a huge page with a clear error instead of reading it all', async () => {
    let written = 0;
    const server = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        // Endless unless the client hangs up.
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const started = Date.now();
    await expect(client().get(`${server.url}/huge`)).rejects.toThrow(
      `GET ${server.url}/huge: response from ${server.host} exceeded 5 MiB (containers.drift.maxResponseBytes)`,
    );
    expect(Date.now() - started).toBeLessThan(1500);
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect(server.requests).toHaveLength(1); // not retried
  });

  it('refuses a declared length over the cap before reading, and a compressed bomb', async () => {
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024));
    const server = await start((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        res.write('x');
        return;
      }
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const http = client({ maxResponseBytes: 1024 * 1024 });
    await expect(http.get(`${server.url}/declared`)).rejects.toThrow(
      `response from ${server.host} exceeded 1 MiB`,
    );
    await expect(http.get(`${server.url}/bomb`)).rejects.toThrow(
      `response from ${server.host} exceeded 1 MiB`,
    );
  });

  it('refuses a declared length over the cap when the whole body came with it', async () => {
    // Aborting a response already read emitted an error nobody listened to: an uncaught throw.
    const server = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify('x'.repeat(2000)));
    });
    await expect(
      client({ maxResponseBytes: 1024 }).get(`${server.url}/small`),
    ).rejects.toThrow(`response from ${server.host} exceeded 1 KiB`);
  });

  it('neither keeps nor serves cached bodies over the cap', async () => {
    const server = await start((req, res) => {
      if (req.headers['if-none-match']) {
        res.writeHead(304);
        res.end();
        return;
      }
      sendJson(res, ['fresh'], { etag: '"v2"' });
    });
    const cache = new InMemoryHttpCache();
    const url = `${server.url}/tags`;
    await cache.set(`${url}`, { etag: '"v1"', body: 'x'.repeat(2048) });
    const http = client({ cache, maxResponseBytes: 1024 });
    expect((await http.get(url)).body).toBe('["fresh"]');
    expect(server.requests[0].headers['if-none-match']).toBeUndefined();
    expect((await cache.get(url))?.body).toBe('["fresh"]');
  });

  it('never sends a credential for https over http, and defaults to the scheme asked for', async () => {
    const server = await start((_req, res) => sendJson(res, []));
    const http = client();
    await http.get(server.url, {
      credentials: [
        { host: server.host, authorization: 'Bearer s', protocol: 'https:' },
      ],
    });
    await http.get(server.url, {
      credentials: [{ host: server.host, authorization: 'Bearer t' }],
    });
    expect(server.requests.map(r => r.headers.authorization)).toEqual([
      undefined,
      'Bearer t',
    ]);
  });

  it('does not send a credential on a redirect to another port of the same address', async () => {
    const other = await start((_req, res) => sendJson(res, []));
    const origin = await start((_req, res) => {
      res.writeHead(307, { location: `${other.url}/v2/` });
      res.end();
    });
    await client().get(origin.url, {
      credentials: [{ host: origin.host, authorization: 'Bearer secret' }],
    });
    expect(origin.requests[0].headers.authorization).toBe('Bearer secret');
    expect(other.requests[0].headers.authorization).toBeUndefined();
  });
});
