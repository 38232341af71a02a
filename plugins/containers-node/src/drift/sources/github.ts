import {
  ContainerVersionSpec,
  GithubRepo,
  githubWebUrl,
  parseGithubRepo,
  UpstreamVersion,
} from '@dockyard/plugin-containers-common';
import { GithubEndpoint } from '../config';
import { UpstreamRequestError } from '../http/UpstreamHttpClient';
import {
  describeFeed,
  parseJsonBody,
  readPages,
  SourceContext,
  UpstreamSource,
} from './types';

function endpointFor(host: string, context: SourceContext): GithubEndpoint {
  const endpoint = context.config.github.find(
    g => g.host.toLowerCase() === host,
  );
  if (!endpoint) {
    throw new Error(
      `no integrations.github entry for host ${host}: add one with its apiBaseUrl`,
    );
  }
  return endpoint;
}

/** Names the feed; a host without an `integrations.github` entry is refused before any request. */
function describeGithubFeed(
  version: ContainerVersionSpec,
  context: SourceContext,
) {
  endpointFor(parseGithubRepo(version).host, context);
  return describeFeed(version, context);
}

function requestOptions(endpoint: GithubEndpoint) {
  return {
    accept: 'application/vnd.github+json',
    credentials: endpoint.token
      ? [
          {
            host: new URL(endpoint.apiBaseUrl).host,
            authorization: `Bearer ${endpoint.token}`,
            protocol: new URL(endpoint.apiBaseUrl).protocol,
          },
        ]
      : [],
  };
}

function asArray(body: string, url: string, what: string): any[] {
  const parsed = parseJsonBody(body, url, what);
  if (!Array.isArray(parsed)) {
    throw new Error(
      `malformed response from ${url}: expected a JSON array of ${what}`,
    );
  }
  return parsed;
}

async function listPages(
  repo: GithubRepo,
  kind: 'releases' | 'tags',
  context: SourceContext,
  readItem: (item: any) => UpstreamVersion | undefined,
) {
  const endpoint = endpointFor(repo.host, context);
  const url = `${endpoint.apiBaseUrl}/repos/${repo.owner}/${repo.name}/${kind}?per_page=100`;
  try {
    const { items, truncated } = await readPages(
      url,
      context,
      (body, pageUrl) =>
        asArray(body, pageUrl, kind).flatMap(item => {
          const version = readItem(item);
          return version ? [version] : [];
        }),
      requestOptions(endpoint),
    );
    return { versions: items, truncated };
  } catch (error) {
    if (error instanceof UpstreamRequestError && error.status === 404) {
      throw new Error(
        `GitHub repository ${repo.owner}/${repo.name} not found on ${repo.host} (or not visible with the configured token)`,
      );
    }
    throw error;
  }
}

/** `github-release`: the repository's releases (drafts skipped, GitHub's prerelease flag kept). */
export const githubReleaseSource: UpstreamSource = {
  describe: describeGithubFeed,
  async list(version, context) {
    const repo = parseGithubRepo(version);
    return listPages(repo, 'releases', context, item => {
      if (typeof item?.tag_name !== 'string' || item.draft === true)
        return undefined;
      const release: UpstreamVersion = {
        tag: item.tag_name,
        prerelease: item.prerelease === true,
        releasedAt: item.published_at ?? item.created_at ?? undefined,
        releaseNotesUrl:
          typeof item.html_url === 'string'
            ? item.html_url
            : `${githubWebUrl(repo)}/releases/tag/${encodeURIComponent(
                item.tag_name,
              )}`,
      };
      // The same listing carries each release's title and notes (Markdown): the drift result
      // keeps those of the versions behind, bounded (see releaseNotes.ts).
      if (typeof item.name === 'string' && item.name !== '') {
        release.name = item.name;
      }
      if (typeof item.body === 'string' && item.body !== '') {
        release.body = item.body;
      }
      return release;
    });
  },
};

/** `github-tag`: the repository's tags (no dates: the tags API has none). */
export const githubTagSource: UpstreamSource = {
  describe: describeGithubFeed,
  async list(version, context) {
    const repo = parseGithubRepo(version);
    return listPages(repo, 'tags', context, item =>
      typeof item?.name === 'string'
        ? {
            tag: item.name,
            releaseNotesUrl: `${githubWebUrl(
              repo,
            )}/releases/tag/${encodeURIComponent(item.name)}`,
          }
        : undefined,
    );
  },
};
