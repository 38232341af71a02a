/*
 * Drift benchmark (not part of `make test`): `make bench-drift` (1,000 containers) or
 * `make bench-drift N=10000` (1,000, then 10,000 of the same shape, and how time and memory
 * grow). Each size runs in a fresh process (measure.ts) against stand-in upstreams on 127.0.0.1
 * (server.ts, the shape in upstreams.ts). Targets, as ratios within the same run:
 *   - requests = distinct upstream pages + one manifest request per distinct base image tag
 *     (+ one request for the created time of each tag rebuilt since it was pinned)
 *   - wall time <= 1.25 x requests x latency / concurrency (the engine's per-host concurrency)
 *   - second run, nothing changed upstream: >= 95% answered 304 Not Modified
 *   - peak memory reported
 * Prints PASS / FAIL lines; exits 1 when a target is missed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface RunFigures {
  wallMs: number;
  /** Until the last page or manifest was in. */
  fetchMs: number;
  cpuMs: number;
  serverCpuMs: number;
  requests: number;
  notModified: number;
  pages: number;
  manifestHeads: number;
  manifestGets: number;
  unexpected: number;
  repeated: number;
  peakRssMb: number;
  peakHeapMb: number;
  statuses: {
    main: Record<string, number>;
    companions: Record<string, number>;
    baseImage: Record<string, number>;
    errors: string[];
  };
}

interface Figures {
  containers: number;
  upstreams: number;
  baseRepos: number;
  baseTags: number;
  versionReferences: number;
  latencyMs: number;
  concurrency: number;
  registryPageSize: number;
  expected: {
    pages: number;
    manifests: number;
    createdLookups: number;
    total: number;
  };
  first: RunFigures;
  second: RunFigures;
  memory: {
    baselineRssMb: number;
    baselineHeapMb: number;
    retainedHeapMb: number;
    maxRssMb: number;
  };
}

function measure(containers: number): Figures {
  process.stderr.write(`Checking ${containers} containers twice…\n`);
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join(__dirname, 'measure.ts'),
      String(containers),
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

const thousands = (n: number) => n.toLocaleString('en-US');
const percent = (part: number, whole: number) =>
  `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

function idealMs(f: Figures) {
  return (f.expected.total * f.latencyMs) / f.concurrency;
}

/** The targets of one size, as [line, met]. */
function checks(f: Figures): Array<[string, boolean]> {
  const { first, second, expected } = f;
  const ideal = idealMs(f);
  const errors = [...first.statuses.errors, ...second.statuses.errors];
  return [
    [
      `${thousands(f.containers)}: requests ${thousands(
        first.requests,
      )} = ${thousands(expected.pages)} distinct pages + ${
        expected.manifests
      } manifests (one per distinct base image tag) + ${
        expected.createdLookups
      } created times of rebuilt tags = ${thousands(expected.total)}; ${
        first.repeated
      } asked twice, ${first.unexpected} unexpected`,
      first.requests === expected.total &&
        first.pages === expected.pages &&
        first.manifestHeads === expected.manifests &&
        first.manifestGets === expected.createdLookups &&
        first.repeated === 0 &&
        first.unexpected === 0,
    ],
    [
      `${thousands(f.containers)}: wall time ${thousands(first.wallMs)} ms = ${(
        first.wallMs / ideal
      ).toFixed(2)} x ideal ${thousands(Math.round(ideal))} ms (${thousands(
        expected.total,
      )} requests x ${f.latencyMs} ms / ${f.concurrency}); target <= 1.25 x`,
      first.wallMs <= 1.25 * ideal,
    ],
    [
      `${thousands(f.containers)}: second run ${thousands(
        second.notModified,
      )} of ${thousands(second.requests)} answered 304 (${percent(
        second.notModified,
        second.requests,
      )}; target >= 95%), ${thousands(second.wallMs)} ms`,
      second.notModified / Math.max(1, second.requests) >= 0.95,
    ],
    [
      `${thousands(
        f.containers,
      )}: every main version, companion and base image answered${
        errors.length ? `; ${errors.length} errors, first: ${errors[0]}` : ''
      }`,
      errors.length === 0,
    ],
  ];
}

function runLine(name: string, run: RunFigures): string {
  return `  ${name} ${thousands(run.wallMs)} ms (last answer at ${thousands(
    run.fetchMs,
  )} ms); CPU ${thousands(run.cpuMs)} ms engine, ${thousands(
    run.serverCpuMs,
  )} ms stand-in server; peak ${run.peakRssMb} MB RSS, ${
    run.peakHeapMb
  } MB heap`;
}

function describe(f: Figures): string {
  const { first, second, memory } = f;
  const statuses = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([status, n]) => `${thousands(n)} ${status}`)
      .join(', ');
  return [
    `${thousands(f.containers)} containers: ${thousands(
      f.versionReferences,
    )} versions (main + companions) and ${thousands(
      f.containers,
    )} base images over ${thousands(f.upstreams)} upstreams (${
      f.baseRepos
    } of them base image repositories, ${f.baseTags} distinct pinned tags); ${
      f.latencyMs
    } ms latency, concurrency ${f.concurrency} per host, registry pages of ${
      f.registryPageSize
    }`,
    runLine('first run: ', first),
    runLine('second run:', second),
    `  memory: ${memory.baselineHeapMb} MB heap (${memory.baselineRssMb} MB RSS) before, ${memory.retainedHeapMb} MB heap kept after both runs (HTTP cache and results), ${memory.maxRssMb} MB RSS at most`,
    `  main versions: ${statuses(first.statuses.main)}`,
    `  companions:    ${statuses(first.statuses.companions)}`,
    `  base images:   ${statuses(first.statuses.baseImage)}`,
  ].join('\n');
}

/** How a larger run grows against the 1,000-container one. */
function growth(base: Figures, large: Figures): string {
  const ratio = (a: number, b: number) => `${(a / Math.max(1, b)).toFixed(2)}x`;
  const added = (f: Figures) => f.first.peakHeapMb - f.memory.baselineHeapMb;
  const kept = (f: Figures) =>
    f.memory.retainedHeapMb - f.memory.baselineHeapMb;
  return [
    `growth ${thousands(base.containers)} -> ${thousands(
      large.containers,
    )} containers (${ratio(large.containers, base.containers)}):`,
    `  requests          ${ratio(large.first.requests, base.first.requests)}`,
    `  wall, first run   ${ratio(large.first.wallMs, base.first.wallMs)} (${
      base.first.wallMs
    } -> ${large.first.wallMs} ms; ms per request ${(
      base.first.wallMs / base.first.requests
    ).toFixed(2)} -> ${(large.first.wallMs / large.first.requests).toFixed(
      2,
    )})`,
    `  wall, second run  ${ratio(large.second.wallMs, base.second.wallMs)}`,
    `  CPU, first run    ${ratio(large.first.cpuMs, base.first.cpuMs)} (${
      base.first.cpuMs
    } -> ${large.first.cpuMs} ms)`,
    `  peak heap added   ${ratio(added(large), added(base))} (${added(
      base,
    )} -> ${added(large)} MB)`,
    `  heap kept         ${ratio(kept(large), kept(base))} (${kept(
      base,
    )} -> ${kept(large)} MB: ${Math.round(
      (kept(base) * 1024) / base.containers,
    )} -> ${Math.round(
      (kept(large) * 1024) / large.containers,
    )} KB a container)`,
    `  peak RSS          ${ratio(
      large.memory.maxRssMb,
      base.memory.maxRssMb,
    )} (${base.memory.maxRssMb} -> ${large.memory.maxRssMb} MB)`,
  ].join('\n');
}

function main() {
  const asked = Number(process.argv[2] ?? 1000);
  if (!Number.isInteger(asked) || asked < 10) {
    throw new Error(
      `N must be a whole number of containers (at least 10), got ${process.argv[2]}`,
    );
  }
  const sizes = asked === 1000 ? [1000] : [1000, asked];
  const figures = sizes.map(measure);
  for (const f of figures) process.stdout.write(`${describe(f)}\n`);
  if (figures.length > 1) {
    process.stdout.write(`${growth(figures[0], figures[1])}\n`);
  }
  const results = figures.flatMap(checks);
  for (const [line, met] of results) {
    process.stdout.write(`${met ? 'PASS' : 'FAIL'}  ${line}\n`);
  }
  process.exitCode = results.every(([, met]) => met) ? 0 : 1;
}

try {
  main();
} catch (error) {
  // bench/ is no workspace, so no @backstage/errors here.
  const stack = error instanceof Error ? error.stack : undefined;
  process.stderr.write(`${stack ?? error}\n`);
  process.exit(2);
}
