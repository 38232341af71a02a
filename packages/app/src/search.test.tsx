import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import app from './App';

// An unsigned JWT with the claims the frontend reads (sub, exp).
const guestToken = [
  { alg: 'none' },
  { sub: 'user:default/guest', ent: ['user:default/guest'], exp: 4102444800 },
]
  .map(part => Buffer.from(JSON.stringify(part)).toString('base64url'))
  .concat('')
  .join('.');

/** A container as `@dockyard/plugin-search-backend-module-containers` indexes it. */
const trinoResult = {
  type: 'dockyard-container',
  rank: 1,
  document: {
    title: 'Trino',
    text: 'Trino SQL engine · Upstream github:trinodb/trino · Version 476',
    location: '/catalog/default/component/trino',
    entityRef: 'component:default/trino',
    kind: 'Component',
    namespace: 'default',
    name: 'trino',
    slug: 'trino',
    summary: 'Trino SQL engine with the Iceberg connector.',
    upstream: 'github:trinodb/trino',
    upstreamStrategy: 'github-release',
    currentVersion: '476',
    image: 'ghcr.io/example/data-platform/trino',
    metastoreRole: 'consumer',
    owner: 'group:default/data-platform-team',
    lifecycle: 'production',
    system: 'data-platform',
    driftStatus: 'behind',
    latestVersion: '478',
  },
};

/** What the backend would answer: a guest signed in, no notifications, an empty catalog, one search hit. */
function standInAnswer(url: URL): object {
  if (url.pathname.endsWith('/api/auth/guest/refresh')) {
    return {
      profile: { displayName: 'Guest' },
      backstageIdentity: {
        token: guestToken,
        identity: {
          type: 'user',
          userEntityRef: 'user:default/guest',
          ownershipEntityRefs: ['user:default/guest'],
        },
      },
    };
  }
  if (url.pathname.endsWith('/api/search/query')) {
    return { results: [trinoResult], numberOfResults: 1 };
  }
  if (url.pathname.endsWith('/api/notifications/status')) {
    return { unread: 0, read: 0 };
  }
  if (url.pathname.endsWith('/entity-facets')) {
    const facets = url.searchParams.getAll('facet').map(facet => [facet, []]);
    return { facets: Object.fromEntries(facets) };
  }
  return { items: [], totalItems: 0, pageInfo: {} };
}

describe('search in the app', () => {
  beforeEach(() => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Dockyard', baseUrl: 'http://localhost:3000' },
            organization: { name: 'Data Platform' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    global.fetch = jest.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      return new Response(JSON.stringify(standInAnswer(url)), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as any;
    window.history.pushState({}, '', '/search?query=trino');
  });
  afterEach(() => window.history.pushState({}, '', '/'));

  it('shows a container result with its version and drift status, and a Containers result type', async () => {
    render(app.createRoot());
    await userEvent.click(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 15_000 }),
    );

    // Text queries: role queries over the whole app's page are too slow here.
    const version = await screen.findByText(
      '476 → 478',
      {},
      { timeout: 30_000 },
    );
    const item = version.closest('li') as HTMLElement;
    expect(within(item).getByText('Trino').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/trino',
    );
    expect(within(item).getByText('Behind')).toBeInTheDocument();
    expect(within(item).getByText('github:trinodb/trino')).toBeInTheDocument();
    // The result type filter of the search page.
    expect(screen.getByText('Containers')).toBeInTheDocument();
  }, 60_000);
});
