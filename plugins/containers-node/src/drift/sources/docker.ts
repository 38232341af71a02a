import { createHash } from 'crypto';
import {
  ContainerVersionSpec,
  ImageName,
  parseImageName,
  requireSourceField,
} from '@dockyard/plugin-containers-common';
import { DOCKER_HUB, RegistryEndpoint } from '../config';
import { parseAuthChallenge } from '../http/headers';
import {
  HostCredential,
  HttpGetOptions,
  HttpResult,
  UpstreamRequestError,
} from '../http/UpstreamHttpClient';
import { linkHeaderUrl } from '../http/headers';
import {
  describeFeed,
  parseJsonBody,
  SourceContext,
  UpstreamSource,
} from './types';

function isLoopback(host: string) {
  return /^(localhost|127\.[0-9.]+|\[::1\])(:[0-9]+)?$/.test(host);
}

/** The registry's config, or its default: Docker Hub's registry host, https otherwise. */
export function registryEndpoint(
  registry: string,
  registries: Record<string, RegistryEndpoint>,
): RegistryEndpoint {
  const configured = registries[registry];
  if (configured) return configured;
  if (registry === DOCKER_HUB.host) {
    return {
      baseUrl: DOCKER_HUB.baseUrl,
      credentialHosts: DOCKER_HUB.credentialHosts,
    };
  }
  return {
    baseUrl: `${isLoopback(registry) ? 'http' : 'https'}://${registry}`,
    credentialHosts: [],
  };
}

function basicAuth(endpoint: RegistryEndpoint) {
  return endpoint.username && endpoint.password
    ? `Basic ${Buffer.from(
        `${endpoint.username}:${endpoint.password}`,
      ).toString('base64')}`
    : undefined;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

/**
 * A token service is asked with the registry's username and password only when it is the
 * registry host or one of its `credentialHosts`, and (enforced by the HTTP client) over https
 * unless the registry itself is configured over http.
 */
function realmCredentials(
  realm: URL,
  registryBase: URL,
  endpoint: RegistryEndpoint,
): HostCredential[] {
  const basic = basicAuth(endpoint);
  const credentialHosts = [registryBase.host, ...endpoint.credentialHosts].map(
    h => h.toLowerCase(),
  );
  return basic &&
    (credentialHosts.includes(realm.host) ||
      credentialHosts.includes(realm.hostname))
    ? [
        {
          host: realm.host,
          authorization: basic,
          protocol: registryBase.protocol,
        },
      ]
    : [];
}

/**
 * What a cached token belongs to: the registry, the credential offered for it (a digest, not
 * the secret) and the realm with its service and scope. Two registries that share a token
 * service, or one registry under other credentials, never get each other's tokens.
 */
function tokenCacheKey(
  registryHost: string,
  credentials: HostCredential[],
  realm: URL,
) {
  const credential = credentials[0]?.authorization;
  const fingerprint = credential
    ? createHash('sha256').update(credential).digest('hex').slice(0, 32)
    : 'anonymous';
  return JSON.stringify([registryHost, fingerprint, realm.toString()]);
}

/**
 * The realm a Bearer challenge names, with its service and scope (by default, pull access to
 * the repository) as query parameters.
 */
function tokenRealm(
  challenge: Record<string, string>,
  repository: string,
  registryHost: string,
): URL {
  if (!challenge.realm) {
    throw new Error(
      `registry ${registryHost} sent a Bearer challenge without a realm`,
    );
  }
  let realm: URL;
  try {
    realm = new URL(challenge.realm);
  } catch {
    throw new Error(
      `registry ${registryHost} sent a Bearer realm that is not a URL: ${JSON.stringify(
        challenge.realm.slice(0, 200),
      )}`,
    );
  }
  if (challenge.service) realm.searchParams.set('service', challenge.service);
  realm.searchParams.set(
    'scope',
    challenge.scope ?? `repository:${repository}:pull`,
  );
  return realm;
}

/** The token in a token service's answer, kept until 10 s before it expires (default 60 s). */
function readToken(response: HttpResult, realm: URL): CachedToken {
  const body = parseJsonBody(response.body, realm.toString(), 'a token') as {
    token?: string;
    access_token?: string;
    expires_in?: number;
  };
  const value = body?.token ?? body?.access_token;
  if (typeof value !== 'string' || !value) {
    throw new Error(`malformed response from ${realm}: no token in the answer`);
  }
  const lifetime =
    (typeof body.expires_in === 'number' ? body.expires_in : 60) * 1000;
  return {
    value,
    expiresAt: Date.now() + Math.max(0, lifetime - 10_000),
  };
}

/** A token from the challenge's realm, reused from `tokens` until it expires. */
async function bearerToken(
  tokens: Map<string, CachedToken>,
  challenge: Record<string, string>,
  repository: string,
  registryHost: string,
  endpoint: RegistryEndpoint,
  context: SourceContext,
): Promise<CachedToken> {
  const realm = tokenRealm(challenge, repository, registryHost);
  const credentials = realmCredentials(
    realm,
    new URL(endpoint.baseUrl),
    endpoint,
  );
  const cacheKey = tokenCacheKey(registryHost, credentials, realm);
  const cached = tokens.get(cacheKey);
  if (cached && cached.expiresAt > Date.now()) return cached;

  const response = await context.http.get(realm.toString(), {
    conditional: false,
    credentials,
  });
  const token = readToken(response, realm);
  tokens.set(cacheKey, token);
  return token;
}

/**
 * Where the Authorization that answered a repository's challenge is kept: per registry host,
 * repository and configured credential (a digest, not the secret).
 */
function answeredKey(
  registryHost: string,
  repository: string,
  endpoint: RegistryEndpoint,
) {
  return JSON.stringify([
    registryHost,
    repository,
    createHash('sha256')
      .update(
        JSON.stringify([
          endpoint.username ?? '',
          endpoint.password ?? '',
          endpoint.token ?? '',
        ]),
      )
      .digest('hex')
      .slice(0, 32),
  ]);
}

/** Sent to the registry host only, and over https when the registry is configured so. */
function registryCredentials(
  registryBase: URL,
  authorization?: string,
): HostCredential[] {
  return authorization
    ? [
        {
          host: registryBase.host,
          authorization,
          protocol: registryBase.protocol,
        },
      ]
    : [];
}

/**
 * The Authorization that answers a registry's 401: a Bearer token from its realm, or the
 * configured username and password for a Basic challenge; with how long it may be reused.
 */
async function answerChallenge(
  response: HttpResult,
  tokens: Map<string, CachedToken>,
  image: ImageName,
  registryHost: string,
  endpoint: RegistryEndpoint,
  context: SourceContext,
): Promise<CachedToken> {
  const challenge = parseAuthChallenge(
    response.headers.get('www-authenticate'),
  );
  const basic = basicAuth(endpoint);
  if (challenge?.scheme === 'bearer') {
    const token = await bearerToken(
      tokens,
      challenge.params,
      image.repository,
      registryHost,
      endpoint,
      context,
    );
    return { value: `Bearer ${token.value}`, expiresAt: token.expiresAt };
  }
  if (challenge?.scheme === 'basic' && basic) {
    return { value: basic, expiresAt: Number.POSITIVE_INFINITY };
  }
  throw new Error(
    `registry ${image.registry} needs credentials: set containers.drift.registries["${image.registry}"] username and password, or token`,
  );
}

/**
 * GETs a URL of an image's registry; `auth` carries the Authorization found between calls.
 *
 * @public
 */
export type RegistryGet = (
  url: string,
  image: ImageName,
  endpoint: RegistryEndpoint,
  context: SourceContext,
  auth: { authorization?: string },
  options?: Pick<
    HttpGetOptions,
    'accept' | 'conditional' | 'method' | 'keepHeaders'
  >,
) => Promise<HttpResult>;

/**
 * Reads a registry the way the OCI distribution API asks: a 401 with
 * `WWW-Authenticate: Bearer realm=…,service=…,scope=…` is answered by fetching a token from the
 * realm (with the registry's username and password when the realm is the registry host or one
 * of its `credentialHosts`), and the token is sent to the registry host only, over the
 * registry's scheme. Tokens are reused until they expire, per registry host, credential, realm,
 * service and scope. A 404 is handed back: the caller says what is missing. Shared by the
 * `docker-tags` source and `dockyard bump`'s manifest digest lookup.
 */
export function createRegistryGet(): RegistryGet {
  const tokens = new Map<string, CachedToken>();
  /**
   * The Authorization that last answered a repository's challenge: the next request for that
   * repository (another listing, a manifest) sends it at once instead of being challenged again.
   */
  const answered = new Map<string, CachedToken>();

  return async function registryGet(
    url,
    image,
    endpoint,
    context,
    auth,
    options = {},
  ) {
    const registryBase = new URL(endpoint.baseUrl);
    const registryHost = registryBase.host;
    const key = answeredKey(registryHost, image.repository, endpoint);
    const known = answered.get(key);
    if (!auth.authorization && known && known.expiresAt > Date.now()) {
      auth.authorization = known.value;
    }
    const get = () =>
      context.http.get(url, {
        ...options,
        credentials: registryCredentials(registryBase, auth.authorization),
        acceptStatus: [401, 404],
      });
    let response = await get();
    if (response.status === 401) {
      const answer = await answerChallenge(
        response,
        tokens,
        image,
        registryHost,
        endpoint,
        context,
      );
      auth.authorization = answer.value;
      answered.set(key, answer);
      response = await get();
      if (response.status === 401) {
        throw new UpstreamRequestError(
          url,
          'HTTP 401: the registry refused the credentials',
          401,
        );
      }
    }
    return response;
  };
}

/**
 * `docker-tags`: the OCI distribution API, `GET /v2/<name>/tags/list?n=…` with `Link`
 * pagination, on any registry, authenticated by {@link createRegistryGet} (pass the engine's
 * one, so that the base image checks reuse its tokens).
 */
export function createDockerTagsSource(
  registryGet: RegistryGet = createRegistryGet(),
): UpstreamSource {
  async function getPage(
    url: string,
    image: ImageName,
    endpoint: RegistryEndpoint,
    context: SourceContext,
    auth: { authorization?: string },
  ) {
    const response = await registryGet(url, image, endpoint, context, auth);
    if (response.status === 404) {
      throw new Error(
        `image ${image.registry}/${image.repository} not found on its registry`,
      );
    }
    return response;
  }

  return {
    describe: describeFeed,
    async list(version: ContainerVersionSpec, context: SourceContext) {
      const image = parseImageName(requireSourceField(version, 'image'));
      const endpoint = registryEndpoint(
        image.registry,
        context.config.registries,
      );
      const auth = {
        authorization: endpoint.token ? `Bearer ${endpoint.token}` : undefined,
      };
      const tags: string[] = [];
      let url:
        | string
        | undefined = `${endpoint.baseUrl}/v2/${image.repository}/tags/list?n=${context.config.registryPageSize}`;
      const seen = new Set<string>();
      for (let page = 0; url && !seen.has(url); page++) {
        if (page >= context.config.maxPages) {
          return { versions: tags.map(tag => ({ tag })), truncated: true };
        }
        seen.add(url);
        const response = await getPage(url, image, endpoint, context, auth);
        const body = parseJsonBody(
          response.body,
          response.url,
          'a tag list',
        ) as {
          tags?: unknown;
        };
        if (
          typeof body !== 'object' ||
          body === null ||
          !(
            body.tags === null ||
            body.tags === undefined ||
            Array.isArray(body.tags)
          )
        ) {
          throw new Error(
            `malformed response from ${response.url}: expected {"name": …, "tags": [...]}`,
          );
        }
        for (const tag of (body.tags as unknown[] | null) ?? []) {
          if (typeof tag === 'string') tags.push(tag);
        }
        url = linkHeaderUrl(response.link, 'next', response.url);
      }
      return { versions: tags.map(tag => ({ tag })) };
    },
  };
}
