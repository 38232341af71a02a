/*
 * The upstream world of the drift benchmark, shared by the stand-in server (what it answers) and
 * the containers (what they pin), so that both sides agree without talking to each other.
 *
 * Shape for N containers: 0.6 N distinct upstreams, of which N / 50 are base image repositories
 * (python-like tag lists of 1,200 to 2,400 tags in many variants) and the rest version feeds:
 * GitHub releases, GitHub tags, Maven metadata and OCI tag lists of 40 to 260 versions each.
 * Every container has a main version and 3 companions (4 N version references spread over the
 * version feeds) and a base image pinned as `repo:tag@sha256:…`, one of 3 tags of its repository;
 * every tenth distinct base image tag has been rebuilt upstream since it was pinned.
 */
import { createHash } from 'node:crypto';

export type FeedKind =
  | 'github-release'
  | 'github-tag'
  | 'maven'
  | 'docker-tags';

export interface Shape {
  containers: number;
  /** All distinct upstreams: version feeds and base image repositories. */
  upstreams: number;
  /** Base image repositories (each also a tag-list upstream). */
  baseRepos: number;
  /** Version feeds: upstreams 0 … versionFeeds - 1. */
  versionFeeds: number;
}

export const COMPANIONS_PER_CONTAINER = 3;
/** Distinct tags pinned per base image repository. */
export const TAGS_PER_BASE_REPO = 3;
/** GitHub's `per_page` as the engine asks it. */
export const GITHUB_PAGE_SIZE = 100;

export function shapeOf(containers: number): Shape {
  const upstreams = Math.max(2, Math.round(containers * 0.6));
  const baseRepos = Math.max(1, Math.round(containers / 50));
  return {
    containers,
    upstreams,
    baseRepos,
    versionFeeds: upstreams - baseRepos,
  };
}

/** 40% Maven (the companions of JVM images are), the rest GitHub and OCI registries. */
const KINDS: FeedKind[] = [
  'github-release',
  'maven',
  'github-tag',
  'maven',
  'docker-tags',
];

export function kindOf(feed: number): FeedKind {
  return KINDS[feed % KINDS.length];
}

/** Versions of version feed `feed`, oldest first: 40 to 260 of them, `major.minor.patch`. */
export function versionsOf(feed: number): string[] {
  const count = 40 + ((feed * 37) % 221);
  return Array.from(
    { length: count },
    (_, n) => `${1 + Math.floor(n / 60)}.${Math.floor(n / 6) % 10}.${n % 6}`,
  );
}

/** Every tenth GitHub release is a pre-release. */
export function isPrerelease(n: number): boolean {
  return n % 10 === 9;
}

const BASE_VARIANTS = [
  '',
  '-slim',
  '-bookworm',
  '-slim-bookworm',
  '-bullseye',
  '-slim-bullseye',
  '-alpine',
  '-alpine3.19',
  '-alpine3.20',
  '-windowsservercore',
];

function patchesOf(repo: number) {
  return 20 + ((repo * 13) % 21);
}

/** Tags of base image repository `repo`, as a registry lists them (sorted). */
export function baseTagsOf(repo: number): string[] {
  const tags = ['latest', '3'];
  for (let minor = 8; minor <= 13; minor++) {
    for (const variant of BASE_VARIANTS) {
      tags.push(`3.${minor}${variant}`);
      for (let patch = 0; patch < patchesOf(repo); patch++) {
        tags.push(`3.${minor}.${patch}${variant}`);
      }
    }
  }
  return tags.sort();
}

/** The tags containers pin of repository `repo`: newest of a lane, an older one, a moving one. */
export function pinnedBaseTagsOf(repo: number): string[] {
  const last = patchesOf(repo) - 1;
  return [
    `3.12.${last}-slim-bookworm`,
    `3.11.${last - 3}-slim-bookworm`,
    `3.12-alpine3.20`,
  ];
}

/** Every tenth distinct base image tag has been rebuilt upstream since containers pinned it. */
export function isRebuilt(repo: number, tagIndex: number): boolean {
  return (repo * TAGS_PER_BASE_REPO + tagIndex) % 10 === 3;
}

function sha256(text: string) {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * The image index a tag points at in one generation (0: when containers pinned it, 1: after a
 * rebuild): its JSON as served and its digest, the sha256 of that JSON as registries compute it.
 */
export function baseIndex(repo: number, tag: string, generation: number) {
  const created = new Date(
    Date.UTC(2026, 9, 1 + generation * 14, repo % 24),
  ).toISOString();
  const platform = (architecture: string) => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: sha256(`base-${repo}:${tag}:${generation}:${architecture}`),
    size: 2196,
    platform: { architecture, os: 'linux' },
  });
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [platform('amd64'), platform('arm64')],
    annotations: { 'org.opencontainers.image.created': created },
  });
  return { body, digest: sha256(body) };
}

/** The version feed read by reference `k` (0: main version, 1…3: companions) of container `c`. */
export function feedOf(shape: Shape, c: number, k: number): number {
  return (c * (1 + COMPANIONS_PER_CONTAINER) + k) % shape.versionFeeds;
}

/** The version a reference pins: the newest, or 1, 3, 10 or 25 releases behind. */
export function pinnedVersionOf(feed: number, c: number, k: number): string {
  const versions = versionsOf(feed).filter(
    (_, n) => kindOf(feed) !== 'github-release' || !isPrerelease(n),
  );
  const behind = [0, 1, 3, 10, 25][(c + k) % 5];
  return versions[Math.max(0, versions.length - 1 - behind)];
}

/** What a run must ask: the distinct pages, one manifest per distinct base tag, created lookups. */
export function expectedRequests(shape: Shape, registryPageSize: number) {
  let pages = 0;
  for (let feed = 0; feed < shape.versionFeeds; feed++) {
    const count = versionsOf(feed).length;
    pages += Math.ceil(
      count /
        (kindOf(feed) === 'maven'
          ? count
          : kindOf(feed) === 'docker-tags'
          ? registryPageSize
          : GITHUB_PAGE_SIZE),
    );
  }
  let manifests = 0;
  let rebuilt = 0;
  for (let repo = 0; repo < shape.baseRepos; repo++) {
    pages += Math.ceil(baseTagsOf(repo).length / registryPageSize);
    manifests += TAGS_PER_BASE_REPO;
    for (let t = 0; t < TAGS_PER_BASE_REPO; t++) {
      if (isRebuilt(repo, t)) rebuilt += 1;
    }
  }
  return { pages, manifests, createdLookups: rebuilt };
}
