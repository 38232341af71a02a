import { render, screen } from '@testing-library/react';
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

/** What the backend would answer with a guest signed in, nothing in the catalog and no notifications. */
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
  if (url.pathname.endsWith('/api/notifications/status')) {
    // The sidebar's notifications item counts the unread ones.
    return { unread: 0, read: 0 };
  }
  if (url.pathname.endsWith('/entity-facets')) {
    // Each facet asked for, with no values: the kind picker fails on a missing facet.
    const facets = url.searchParams.getAll('facet').map(facet => [facet, []]);
    return { facets: Object.fromEntries(facets) };
  }
  return { items: [], totalItems: 0, pageInfo: {} };
}

describe('App', () => {
  beforeEach(() => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: {
              title: 'Dockyard',
              baseUrl: 'http://localhost:3000',
              // as in app-config.yaml: the catalog is the landing page
              extensions: [{ 'page:catalog': { config: { path: '/' } } }],
            },
            organization: { name: 'Data Platform' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    // No backend in this test: guest sign-in succeeds, every other call sees an empty catalog.
    global.fetch = jest.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      const body = standInAnswer(url);
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as any;
  });

  it('renders the catalog page with the Dockyard sidebar', async () => {
    render(app.createRoot());

    // The embedded default signs in as a guest.
    await userEvent.click(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 15_000 }),
    );

    expect(
      await screen.findByText('Data Platform Catalog', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Dockyard home' }),
    ).toHaveTextContent('Dockyard');
    // Notifications (what the containers backend tells a container's owner) have their page.
    expect(screen.getByRole('link', { name: 'Notifications' })).toHaveAttribute(
      'href',
      '/notifications',
    );
  }, 30_000);
});
