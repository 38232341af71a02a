/*
 * Drift benchmark: 1,000 containers over 200 distinct upstreams served from 127.0.0.1 with
 * added latency and paginated tag lists (half OCI registry tags, half GitHub tags).
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/drift/src/run.ts
 *
 * The upstream server runs in a child process, as real upstreams do not share the engine's
 * event loop.
 *
 * Measures requests made, wall time, and a second run with nothing changed upstream, against:
 *   - requests = distinct upstream pages (each feed fetched once, whatever shares it)
 *   - wall time <= 1.25 x pages x latency / concurrency
 *   - second run: >= 95% of requests answered 304 Not Modified
 */
import { fork } from 'child_process';
import http from 'http';
import { AddressInfo } from 'net';
import { ConfigReader } from '@backstage/config';
import {
  DriftEngine,
  DriftTarget,
  InMemoryHttpCache,
} from '@dockyard/plugin-containers-node';

const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 1000);
const UPSTREAMS = Number(process.env.BENCH_UPSTREAMS ?? 200);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PAGE_SIZE = 100;

/** Tags of upstream i: 120 to 320 of them, so feeds have 2 to 4 pages. */
function tagsOf(i: number): string[] {
  const count = 120 + ((i * 37) % 201);
  const tags: string[] = ['latest', 'stable'];
  for (let n = 0; tags.length < count; n++) {
    const version = `${1 + (n % 4)}.${Math.floor(n / 4) % 30}.${n % 7}`;
    tags.push(version, `${version}-bookworm`);
  }
  return tags.slice(0, count);
}

interface Counters {
  requests: number;
  notModified: number;
}

function startServer(counters: Counters) {
  const feeds = Array.from({ length: UPSTREAMS }, (_, i) => tagsOf(i));
  const server = http.createServer((req, res) => {
    counters.requests += 1;
    const url = new URL(req.url!, 'http://127.0.0.1');
    const registry = /^\/v2\/bench\/app-(\d+)\/tags\/list$/.exec(url.pathname);
    const github = /^\/repos\/bench\/app-(\d+)\/tags$/.exec(url.pathname);
    const index = Number((registry ?? github)?.[1]);
    const tags = feeds[index];
    setTimeout(() => {
      if (!tags) {
        res.writeHead(404);
        res.end();
        return;
      }
      let page: string[];
      let next: string | undefined;
      if (registry) {
        const n = Number(url.searchParams.get('n') ?? PAGE_SIZE);
        const last = url.searchParams.get('last');
        const start = last ? tags.indexOf(last) + 1 : 0;
        page = tags.slice(start, start + n);
        if (start + n < tags.length) {
          next = `</v2/bench/app-${index}/tags/list?last=${encodeURIComponent(
            page[page.length - 1],
          )}&n=${n}>; rel="next"`;
        }
      } else {
        const number = Number(url.searchParams.get('page') ?? 1);
        page = tags.slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE);
        if (number * PAGE_SIZE < tags.length) {
          next = `<${`http://${req.headers.host}`}/repos/bench/app-${index}/tags?per_page=100&page=${
            number + 1
          }>; rel="next"`;
        }
      }
      const etag = `"${index}-${page[0]}-${page.length}"`;
      if (req.headers['if-none-match'] === etag) {
        counters.notModified += 1;
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      const body = registry
        ? JSON.stringify({ name: `bench/app-${index}`, tags: page })
        : JSON.stringify(page.map(name => ({ name })));
      res.writeHead(200, {
        'content-type': 'application/json',
        etag,
        ...(next ? { link: next } : {}),
      });
      res.end(body);
    }, LATENCY_MS);
  });
  return new Promise<{ host: string; pages: number }>(resolve =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      const pages = feeds.reduce(
        (sum, tags) => sum + Math.ceil(tags.length / PAGE_SIZE),
        0,
      );
      resolve({ host: `127.0.0.1:${port}`, pages });
    }),
  );
}

function targets(host: string): DriftTarget[] {
  return Array.from({ length: CONTAINERS }, (_, c) => {
    const upstream = c % UPSTREAMS;
    const variant = c % 2 === 0 ? '' : '-bookworm';
    const version =
      upstream % 2 === 0
        ? {
            strategy: 'docker-tags',
            current: `1.${c % 5}.0${variant}`,
            source: { image: `${host}/bench/app-${upstream}` },
          }
        : {
            strategy: 'github-tag',
            current: `2.${c % 5}.1${variant}`,
            source: { repo: `bench/app-${upstream}` },
            filter: { track: '2.*' },
          };
    return { slug: `container-${c}`, version };
  });
}

/** The child process: serves the feeds and reports its counters when asked. */
async function serve() {
  const counters: Counters = { requests: 0, notModified: 0 };
  const { host, pages } = await startServer(counters);
  process.send!({ host, pages });
  process.on('message', () => process.send!({ ...counters }));
  process.on('disconnect', () => process.exit(0));
}

async function startUpstreamProcess() {
  const child = fork(__filename, ['--serve'], {
    execArgv: ['--require', '@backstage/cli/config/nodeTransform.cjs'],
  });
  // Only our own messages: the child's module loader may send others.
  const next = <T>(key: string) =>
    new Promise<T>(resolve => {
      const listener = (message: any) => {
        if (message && typeof message === 'object' && key in message) {
          child.off('message', listener);
          resolve(message as T);
        }
      };
      child.on('message', listener);
    });
  const { host, pages } = await next<{ host: string; pages: number }>('host');
  return {
    host,
    pages,
    counters: async () => {
      const reply = next<Counters>('requests');
      child.send('counters');
      return reply;
    },
    stop: () => child.disconnect(),
  };
}

async function main() {
  const upstream = await startUpstreamProcess();
  const { host, pages } = upstream;
  const engine = DriftEngine.fromConfig(
    new ConfigReader({
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl: `http://${host}` }],
      },
      containers: {
        drift: {
          allowedHosts: [host],
          concurrency: CONCURRENCY,
          registryPageSize: PAGE_SIZE,
          registries: { [host]: { baseUrl: `http://${host}` } },
        },
      },
    }),
    { cache: new InMemoryHttpCache() },
  );
  const list = targets(host);

  const run = async () => {
    const before = await upstream.counters();
    const started = process.hrtime.bigint();
    const results = await engine.check(list);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const after = await upstream.counters();
    const requests = after.requests - before.requests;
    const notModified = after.notModified - before.notModified;
    const statuses = results.reduce<Record<string, number>>((acc, r) => {
      acc[r.status] = (acc[r.status] ?? 0) + 1;
      return acc;
    }, {});
    return { wallMs, requests, notModified, statuses };
  };

  const first = await run();
  const second = await run();
  upstream.stop();

  const idealMs = (pages * LATENCY_MS) / CONCURRENCY;
  const checks = [
    [`requests = distinct upstream pages (${pages})`, first.requests === pages],
    [
      `wall time <= 1.25 x ${pages} x ${LATENCY_MS} ms / ${CONCURRENCY} = ${Math.round(
        1.25 * idealMs,
      )} ms`,
      first.wallMs <= 1.25 * idealMs,
    ],
    [
      'second run >= 95% 304 Not Modified',
      second.notModified / second.requests >= 0.95,
    ],
  ] as const;

  const figures = {
    containers: list.length,
    upstreams: UPSTREAMS,
    pages,
    latencyMs: LATENCY_MS,
    concurrencyPerHost: CONCURRENCY,
    idealMs: Math.round(idealMs),
    first: {
      ...first,
      wallMs: Math.round(first.wallMs),
      ratioToIdeal: +(first.wallMs / idealMs).toFixed(3),
    },
    second: {
      ...second,
      wallMs: Math.round(second.wallMs),
      notModifiedShare: +(second.notModified / second.requests).toFixed(3),
    },
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  for (const [name, ok] of checks) {
    process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name}\n`);
  }
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
}

(process.argv.includes('--serve') ? serve() : main()).catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(2);
});
