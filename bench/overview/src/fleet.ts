/*
 * The fleet of the overview benchmark: N container folders (copies of this repository's
 * containers under new slugs and names, so the catalog module makes real entities of them) and a
 * drift record for each, in the shape the backend stores after a check, statuses in a realistic
 * mix. Deterministic: the same N gives the same files and records.
 */
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type {
  BaseImageDrift,
  CompanionDrift,
  DriftDistance,
  DriftRecord,
  EolInfo,
  ReleaseNote,
} from '@dockyard/plugin-containers-common';
import { parse as parseYaml } from 'yaml';

const REPO_CONTAINERS = resolve(__dirname, '../../../containers');

/** What a record is made from: the parts of a container.yaml a check reads. */
interface Template {
  text: string;
  slug: string;
  strategy: string;
  current: string;
  companions: Array<{ name: string; strategy: string }>;
  baseImage?: { image: string; tag?: string; digest?: string };
}

/** `registry/repo:tag@sha256:…` into its parts (the tag's colon is the one after the last slash). */
function parseImageRef(ref: unknown): Template['baseImage'] {
  if (typeof ref !== 'string' || !ref) return undefined;
  const [name, digest] = ref.split('@');
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/')
    ? { image: name.slice(0, colon), tag: name.slice(colon + 1), digest }
    : { image: name, digest };
}

async function readTemplates(): Promise<Template[]> {
  const templates: Template[] = [];
  for (const name of (await fs.readdir(REPO_CONTAINERS)).sort()) {
    if (name.startsWith('_')) continue;
    const text = await fs.readFile(
      join(REPO_CONTAINERS, name, 'container.yaml'),
      'utf8',
    );
    const yaml = parseYaml(text);
    templates.push({
      text,
      slug: yaml.slug,
      strategy: yaml.version.strategy,
      current: String(yaml.version.current),
      companions: (yaml.version.companions ?? []).map(
        (c: { name: string; strategy: string }) => ({
          name: c.name,
          strategy: c.strategy,
        }),
      ),
      baseImage: parseImageRef(yaml.runtime?.base_image),
    });
  }
  return templates;
}

/** A small seeded generator (mulberry32): the same fleet every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'add support for iceberg tables catalog connector query planner fix regression when reading ' +
  'partitioned parquet files improve performance of joins aggregation spill memory metastore ' +
  'rest authentication oauth2 token refresh kerberos s3 region endpoint credentials retry ' +
  'timeout deprecate remove legacy property configuration rename breaking change security ' +
  'vulnerability cve upgrade dependency jackson netty guava jdk java runtime container image ' +
  'documentation example snapshot expiration compaction manifest schema evolution column ' +
  'type decimal timestamp timezone precision null handling predicate pushdown statistics'
).split(' ');

/** Release notes shaped like GitHub's: headings, bullets with PR numbers and authors. */
function releaseBody(next: () => number, bytes: number): string {
  const lines = ['## Changes', ''];
  let size = 0;
  while (size < bytes) {
    const words = Array.from(
      { length: 6 + Math.floor(next() * 14) },
      () => WORDS[Math.floor(next() * WORDS.length)],
    ).join(' ');
    const line = `* ${words} (#${
      10000 + Math.floor(next() * 90000)
    }) @dev${Math.floor(next() * 500)}`;
    lines.push(line);
    size += line.length + 1;
    if (next() < 0.08)
      lines.push('', `## ${WORDS[Math.floor(next() * WORDS.length)]}`, '');
  }
  return lines.join('\n');
}

const DAY_MS = 86_400_000;
const isoDaysAgo = (now: number, days: number) =>
  new Date(now - days * DAY_MS).toISOString();

/** The releases behind, newest first, with bodies from half a kilobyte to GitHub's largest. */
function releases(
  next: () => number,
  current: string,
  behind: DriftDistance,
  now: number,
): ReleaseNote[] {
  return Array.from({ length: Math.min(behind.releases, 20) }, (_, i) => {
    const version = `${current}.${behind.releases - i}`;
    const large = next() < 0.05;
    return {
      version,
      name: `Release ${version}`,
      publishedAt: isoDaysAgo(now, i * 9 + 2),
      url: `https://github.com/example/upstream/releases/tag/v${version}`,
      body: releaseBody(next, large ? 20_000 : 500 + next() * 6_000),
      ...(large ? { bodyTruncated: true } : {}),
      ...(next() < 0.2 ? { highlights: ['breaking' as const] } : {}),
    };
  });
}

function distance(next: () => number): DriftDistance {
  const major = next() < 0.2 ? 1 + Math.floor(next() * 2) : 0;
  const minor = major ? 0 : next() < 0.6 ? 1 + Math.floor(next() * 4) : 0;
  return {
    major,
    minor,
    patch: major || minor ? 0 : 1 + Math.floor(next() * 3),
    releases: 1 + Math.floor(next() * 8),
    days: 5 + Math.floor(next() * 300),
  };
}

function record(
  template: Template,
  slug: string,
  index: number,
  now: number,
): DriftRecord {
  const next = random(index + 1);
  const roll = next();
  const checkedAt = isoDaysAgo(now, next() / 24);
  const base: DriftRecord = {
    entityRef: `component:default/${slug}`,
    slug,
    strategy: template.strategy,
    source: `github:example/${template.slug}`,
    sourceUrl: `https://github.com/example/${template.slug}/releases`,
    current: template.current,
    status: 'up-to-date',
    latest: template.current,
    checkedAt,
    lastSuccessAt: checkedAt,
    latestReleasedAt: isoDaysAgo(now, 40),
    consecutiveFailures: 0,
  };
  // 25% behind, 8% failing, 4% without a feed (unknown), the rest up to date.
  if (roll < 0.25) {
    const behind = distance(next);
    Object.assign(base, {
      status: 'behind',
      latest: `${template.current}.${behind.releases}`,
      behind,
      releaseNotesUrl: `https://github.com/example/${template.slug}/releases/tag/latest`,
      releases: releases(next, template.current, behind, now),
    });
  } else if (roll < 0.33) {
    Object.assign(base, {
      status: 'error',
      error: `github:example/${template.slug}: GET https://api.github.com/repos/example/${template.slug}/releases: HTTP 503 Service Unavailable`,
      consecutiveFailures: 1 + Math.floor(next() * 4),
      lastSuccessAt: isoDaysAgo(now, 3),
    });
  } else if (roll < 0.37) {
    Object.assign(base, {
      status: 'unknown',
      strategy: 'manual',
      latest: undefined,
      error: 'manual: no upstream feed; bump by hand',
    });
  }
  const companions: CompanionDrift[] = template.companions.map(c => ({
    name: c.name,
    strategy: c.strategy,
    source: `maven:org.example:${c.name}`,
    current: '1.4.2',
    latest: next() < 0.15 ? '1.5.0' : '1.4.2',
    status: 'up-to-date',
    checkedAt,
  }));
  for (const companion of companions) {
    if (companion.latest !== companion.current) {
      companion.status = 'behind';
      companion.behind = { major: 0, minor: 1, patch: 0, releases: 2 };
    }
  }
  if (companions.length) base.companions = companions;
  if (template.baseImage) {
    const rebuilt = next() < 0.08;
    const baseImage: BaseImageDrift = {
      ...template.baseImage,
      source: template.baseImage.image,
      latestDigest: rebuilt
        ? `sha256:${'f'.repeat(56)}${String(index).padStart(8, '0')}`
        : template.baseImage.digest,
      latestTag: template.baseImage.tag,
      status: rebuilt ? 'rebuilt' : 'up-to-date',
      ...(rebuilt ? { rebuiltAt: isoDaysAgo(now, 3) } : {}),
    };
    base.baseImage = baseImage;
  }
  if (next() < 0.4) {
    const days = Math.floor(next() * 900) - 200;
    const eol: EolInfo = {
      product: template.slug,
      cycle: template.current.split('.').slice(0, 2).join('.'),
      state: days < 0 ? 'eol' : days < 90 ? 'warning' : 'supported',
      eolDate: new Date(now + days * DAY_MS).toISOString().slice(0, 10),
      daysToEol: days,
      latestCycle: '99.0',
    };
    base.eol = eol;
  }
  return base;
}

/**
 * Writes `count` container folders under `dir` (containers/<slug>/container.yaml, as the catalog
 * module reads them) and returns one drift record for each.
 */
export async function writeFleet(
  dir: string,
  count: number,
  now = Date.now(),
): Promise<DriftRecord[]> {
  const templates = await readTemplates();
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const width = String(count - 1).length;
  const records: DriftRecord[] = [];
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length];
    const slug = `${template.slug}-${String(i).padStart(width, '0')}`;
    const text = template.text
      .replace(/^slug: .+$/m, `slug: ${slug}`)
      .replace(/^name: "?(.+?)"?$/m, (_, name) => `name: "${name} ${i}"`);
    await fs.mkdir(join(dir, slug));
    await fs.writeFile(join(dir, slug, 'container.yaml'), text);
    records.push(record(template, slug, i, now));
  }
  return records;
}
