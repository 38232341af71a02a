import { ConfigReader } from '@backstage/config';
import { configuredHosts, readDriftConfig } from '../config';
import { HttpCache } from '../http/cache';
import { ResolveHost } from '../http/guardedLookup';
import { UpstreamHttpClient } from '../http/UpstreamHttpClient';
import { SourceContext } from '../sources/types';

type JsonObject = ConstructorParameters<typeof ConfigReader>[0];

/**
 * Config that lists 127.0.0.1 (any port) explicitly, for feeds whose URL container.yaml gives
 * (http-directory, helm, maven `source.url`, unconfigured registries): loopback is refused unless
 * listed.
 */
export const allowLoopback: JsonObject = {
  containers: { drift: { allowedHosts: ['127.0.0.1'] } },
};

/** A source context from app-config data, with short retry delays for tests. */
export function testContext(
  data: JsonObject,
  cache?: HttpCache,
  resolveHost?: ResolveHost,
): SourceContext {
  const config = readDriftConfig(new ConfigReader(data));
  return {
    config,
    http: new UpstreamHttpClient({
      allowedHosts: config.allowedHosts,
      explicitHosts: configuredHosts(config),
      resolveHost,
      maxResponseBytes: config.maxResponseBytes,
      concurrencyPerHost: config.concurrency,
      timeoutMs: config.requestTimeoutMs,
      retries: config.retries,
      maxRetryWaitMs: config.maxRetryWaitMs,
      backoffMs: 5,
      cache,
    }),
  };
}
