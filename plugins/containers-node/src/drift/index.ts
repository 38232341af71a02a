export { DriftEngine } from './DriftEngine';
export { containerDriftTarget } from './target';
export type {
  DriftEngineOptions,
  DriftProgress,
  DriftTarget,
} from './DriftEngine';
export {
  DEFAULT_FIRST_CHECK_SCHEDULE,
  DEFAULT_SCHEDULE,
  DOCKER_HUB,
  readDriftConfig,
} from './config';
export type {
  DriftConfig,
  DriftNotificationsConfig,
  GithubEndpoint,
  RegistryEndpoint,
} from './config';
export { InMemoryHttpCache } from './http/cache';
export type { HttpCache, HttpCacheEntry } from './http/cache';
export {
  UpstreamHttpClient,
  UpstreamRequestError,
} from './http/UpstreamHttpClient';
export type {
  HostCredential,
  HttpGetOptions,
  HttpResult,
  HttpStats,
  UpstreamHttpClientOptions,
} from './http/UpstreamHttpClient';
export { createUpstreamSources } from './sources';
export {
  fetchImageCreated,
  fetchManifestDigest,
  MANIFEST_ACCEPT,
  ManifestNotFoundError,
} from './sources/manifests';
export type { SourceContext, UpstreamListing, UpstreamSource } from './sources';
export type { RegistryGet } from './sources/docker';
export type { ResolveHost } from './http/guardedLookup';
