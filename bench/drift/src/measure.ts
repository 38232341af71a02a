/*
 * One size of the drift benchmark, in its own process so that its memory is its own (run.ts
 * starts it with --expose-gc): `measure.ts <containers>`. Starts the stand-in upstreams in a
 * child process, checks every container twice with one engine and one in-memory HTTP cache
 * (the second run has nothing changed upstream), samples memory while they run, and prints one
 * JSON line of figures.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import type {
  ContainerSpec,
  DriftResult,
} from '@dockyard/plugin-containers-common';
import {
  containerDriftTarget,
  DriftEngine,
  InMemoryHttpCache,
  readDriftConfig,
} from '@dockyard/plugin-containers-node';
import type { ServerCounters } from './server';
import {
  baseIndex,
  COMPANIONS_PER_CONTAINER,
  expectedRequests,
  feedOf,
  kindOf,
  pinnedBaseTagsOf,
  pinnedVersionOf,
  shapeOf,
  Shape,
  TAGS_PER_BASE_REPO,
} from './upstreams';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const MB = 1024 * 1024;

async function startUpstreams(containers: number) {
  const child = fork(
    join(__dirname, 'server.ts'),
    [String(containers), String(LATENCY_MS)],
    {
      execArgv: [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
    },
  );
  // Only our own messages: the child's module loader may send others.
  const next = <T>(key: string) =>
    new Promise<T>(resolve => {
      const listener = (message: any) => {
        if (message && typeof message === 'object' && key in message) {
          child.off('message', listener);
          resolve(message[key] as T);
        }
      };
      child.on('message', listener);
    });
  const host = await next<string>('host');
  const ask = (what: 'run' | 'counters') => {
    const reply = next<ServerCounters>('counters');
    child.send(what);
    return reply;
  };
  return {
    host,
    /** Counters so far; repeated requests are counted afresh from here. */
    startRun: () => ask('run'),
    counters: () => ask('counters'),
    stop: () => child.disconnect(),
  };
}

/** A version block reading version feed `feed`, as container.yaml writes it. */
function versionSource(feed: number, host: string) {
  switch (kindOf(feed)) {
    case 'github-release':
      return {
        strategy: 'github-release',
        source: { repo: `bench/app-${feed}` },
      };
    case 'github-tag':
      return { strategy: 'github-tag', source: { repo: `bench/app-${feed}` } };
    case 'maven':
      return {
        strategy: 'maven',
        source: { package: `org.bench.g${feed}:lib-${feed}` },
      };
    default:
      return {
        strategy: 'docker-tags',
        source: { image: `${host}/bench/app-${feed}` },
      };
  }
}

/**
 * Container `c` as container.yaml writes it: a main version, companions pinned by build args
 * (`current: "!build.args.LIB_1_VERSION"`) and a digest-pinned base image.
 */
function containerYaml(shape: Shape, c: number, host: string) {
  const args: Record<string, string> = {};
  const companions = Array.from(
    { length: COMPANIONS_PER_CONTAINER },
    (_, i) => {
      const k = i + 1;
      const feed = feedOf(shape, c, k);
      const arg = `LIB_${k}_VERSION`;
      args[arg] = pinnedVersionOf(feed, c, k);
      return {
        name: `lib-${k}`,
        ...versionSource(feed, host),
        current: `!build.args.${arg}`,
      };
    },
  );
  const main = feedOf(shape, c, 0);
  const repo = c % shape.baseRepos;
  const tag =
    pinnedBaseTagsOf(repo)[
      Math.floor(c / shape.baseRepos) % TAGS_PER_BASE_REPO
    ];
  // Pinned when the tag was first built: generation 0.
  const digest = baseIndex(repo, tag, 0).digest;
  return {
    name: `container-${c}`,
    version: {
      ...versionSource(main, host),
      current: pinnedVersionOf(main, c, 0),
      companions,
    },
    build: { args },
    runtime: { base_image: `${host}/bench/base-${repo}:${tag}@${digest}` },
  } as unknown as ContainerSpec;
}

/** Peak RSS and heap while a run goes on, sampled every 20 ms. */
function sampleMemory() {
  let rss = 0;
  let heapUsed = 0;
  const take = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heapUsed = Math.max(heapUsed, usage.heapUsed);
  };
  take();
  const timer = setInterval(take, 20);
  return () => {
    clearInterval(timer);
    take();
    return { peakRssMb: mb(rss), peakHeapMb: mb(heapUsed) };
  };
}

const mb = (bytes: number) => Math.round(bytes / MB);

function gc() {
  (global as { gc?: () => void }).gc?.();
}

function countStatuses(results: DriftResult[]) {
  const count = (acc: Record<string, number>, status: string) => {
    acc[status] = (acc[status] ?? 0) + 1;
    return acc;
  };
  return {
    main: results.map(r => r.status).reduce(count, {}),
    companions: results
      .flatMap(r => r.companions ?? [])
      .map(c => c.status)
      .reduce(count, {}),
    baseImage: results
      .map(r => r.baseImage?.status ?? 'none')
      .reduce(count, {}),
    errors: results
      .flatMap(r => [
        r.status === 'error' ? `${r.slug}: ${r.error}` : undefined,
        ...(r.companions ?? []).map(c =>
          c.status === 'error' ? `${r.slug} ${c.name}: ${c.error}` : undefined,
        ),
        r.baseImage?.status === 'error'
          ? `${r.slug} base image: ${r.baseImage.error}`
          : undefined,
      ])
      .filter((e): e is string => !!e),
  };
}

/** The app config of a run: every upstream on the stand-in, the engine's defaults otherwise. */
function benchConfig(host: string): ConfigReader {
  return new ConfigReader({
    integrations: {
      github: [{ host: 'github.com', apiBaseUrl: `http://${host}` }],
    },
    containers: {
      drift: {
        allowedHosts: [host],
        endpoints: { maven: `http://${host}/maven2` },
        registries: { [host]: { baseUrl: `http://${host}` } },
        // The engine's defaults unless the run asks otherwise.
        ...(process.env.BENCH_CONCURRENCY
          ? { concurrency: Number(process.env.BENCH_CONCURRENCY) }
          : {}),
      },
    },
  });
}

/**
 * One check of every container: wall, fetch and CPU time, what the servers counted in it, the
 * memory sampled while it ran, and the statuses. The results are kept in `kept`, so that the
 * memory retained after both runs counts them.
 */
async function measureRun(
  engine: DriftEngine,
  targets: ReturnType<typeof containerDriftTarget>[],
  upstreams: Awaited<ReturnType<typeof startUpstreams>>,
  kept: DriftResult[][],
) {
  const before = await upstreams.startRun();
  const stopSampling = sampleMemory();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let fetchedAt = started;
  const results = await engine.check(targets, {
    onProgress: ({ upstreamsDone, upstreamsTotal }) => {
      if (upstreamsDone === upstreamsTotal) fetchedAt = performance.now();
    },
  });
  const wallMs = Math.round(performance.now() - started);
  // Until the last page or manifest is in; the rest is comparing and building results.
  const fetchMs = Math.round(fetchedAt - started);
  const { user, system } = process.cpuUsage(cpu);
  const cpuMs = Math.round((user + system) / 1000);
  const memory = stopSampling();
  const after = await upstreams.counters();
  kept.push(results);
  const delta = Object.fromEntries(
    Object.entries(after).map(([key, value]) => [
      key,
      value - (before[key as keyof ServerCounters] ?? 0),
    ]),
  ) as unknown as ServerCounters;
  const { cpuMs: serverCpuMs, ...server } = delta;
  return {
    wallMs,
    fetchMs,
    cpuMs,
    ...server,
    serverCpuMs,
    ...memory,
    statuses: countStatuses(results),
  };
}

async function main() {
  const containers = Number(process.argv[2] ?? 1000);
  const shape = shapeOf(containers);
  const upstreams = await startUpstreams(containers);
  const { host } = upstreams;
  const config = benchConfig(host);
  const { concurrency, registryPageSize } = readDriftConfig(config);
  const engine = DriftEngine.fromConfig(config, {
    cache: new InMemoryHttpCache(),
  });
  const targets = Array.from({ length: containers }, (_, c) =>
    containerDriftTarget(`container-${c}`, containerYaml(shape, c, host)),
  );

  gc();
  const baseline = process.memoryUsage();
  const kept: DriftResult[][] = [];
  const first = await measureRun(engine, targets, upstreams, kept);
  const second = await measureRun(engine, targets, upstreams, kept);
  gc();
  const retained = process.memoryUsage();
  upstreams.stop();

  const expected = expectedRequests(shape, registryPageSize);
  process.stdout.write(
    `${JSON.stringify({
      containers,
      upstreams: shape.upstreams,
      baseRepos: shape.baseRepos,
      baseTags: expected.manifests,
      versionReferences: containers * (1 + COMPANIONS_PER_CONTAINER),
      latencyMs: LATENCY_MS,
      concurrency,
      registryPageSize,
      expected: {
        ...expected,
        total: expected.pages + expected.manifests + expected.createdLookups,
      },
      first,
      second,
      memory: {
        baselineRssMb: mb(baseline.rss),
        baselineHeapMb: mb(baseline.heapUsed),
        retainedHeapMb: mb(retained.heapUsed),
        maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
      },
      retainedResults: kept.length,
    })}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(2);
});
