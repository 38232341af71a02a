import { ConfigReader } from '@backstage/config';
import { readDriftConfig } from '../config';
import { HttpCache } from '../http/cache';
import { UpstreamHttpClient } from '../http/UpstreamHttpClient';
import { SourceContext } from '../sources/types';

type JsonObject = ConstructorParameters<typeof ConfigReader>[0];

/** A source context from app-config data, with short retry delays for tests. */
export function testContext(
  data: JsonObject,
  cache?: HttpCache,
): SourceContext {
  const config = readDriftConfig(new ConfigReader(data));
  return {
    config,
    http: new UpstreamHttpClient({
      allowedHosts: config.allowedHosts,
      concurrencyPerHost: config.concurrency,
      timeoutMs: config.requestTimeoutMs,
      retries: config.retries,
      maxRetryWaitMs: config.maxRetryWaitMs,
      backoffMs: 5,
      cache,
    }),
  };
}
