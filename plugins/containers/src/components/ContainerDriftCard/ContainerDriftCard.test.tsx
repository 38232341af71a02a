import { toastApiRef } from '@backstage/frontend-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import { containersApiRef } from '../../api';
import {
  ago,
  containerEntity,
  DAY,
  driftRecord,
  HOUR,
  MINUTE,
  mockContainersApi,
  mockToastApi,
} from '../../__testUtils__/fixtures';
import { FreshPermissionCache } from '../../__testUtils__/FreshPermissionCache';
import { ContainerDriftCard } from './ContainerDriftCard';

async function renderCard(options: {
  api: ReturnType<typeof mockContainersApi>;
  allowed?: boolean;
  entity?: Entity;
}) {
  const entity = options.entity ?? containerEntity('hive-metastore');
  const authorize = jest.fn(() =>
    options.allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  );
  const toastApi = mockToastApi();
  // renderInTestApp renders synchronously; the record arrives a microtask later, inside act().
  await act(async () => {
    renderInTestApp(
      <TestApiProvider
        apis={[
          [containersApiRef, options.api],
          [toastApiRef, toastApi],
          mockApis.permission({ authorize }),
        ]}
      >
        <FreshPermissionCache>
          <EntityProvider entity={entity}>
            <ContainerDriftCard />
          </EntityProvider>
        </FreshPermissionCache>
      </TestApiProvider>,
    );
  });
  // Let the permission decision land inside act(), as it would before anyone clicks.
  await waitFor(() => expect(authorize).toHaveBeenCalled());
  await act(() => new Promise(resolve => setTimeout(resolve, 0)));
  return { authorize, toastApi };
}

describe('ContainerDriftCard', () => {
  it('shows progress while the record loads', async () => {
    const api = mockContainersApi({
      getDrift: jest.fn(() => new Promise(() => {})),
    });
    await renderCard({ api });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(api.getDrift).toHaveBeenCalledWith(
      'component:default/hive-metastore',
    );
  });

  it('says an up-to-date container is up to date, with when it was checked', async () => {
    const api = mockContainersApi({
      getDrift: jest.fn(async () =>
        driftRecord({
          status: 'up-to-date',
          current: '4.1.0',
          latest: '4.1.0',
        }),
      ),
    });
    await renderCard({ api });
    expect(await screen.findByText('Up to date')).toBeInTheDocument();
    expect(
      screen.getByText('4.1.0 is the latest release in its lane.'),
    ).toBeInTheDocument();
    expect(screen.getByText('3 hours ago')).toBeInTheDocument();
    expect(screen.queryByText('Behind')).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /github:apache\/hive/ }),
    ).toHaveAttribute('href', 'https://github.com/apache/hive/tags');
  });

  it('shows how far behind, the newest version and the release notes', async () => {
    const api = mockContainersApi({
      getDrift: jest.fn(async () =>
        driftRecord({
          status: 'behind',
          current: '4.0.1',
          latest: '4.1.0',
          newest: '5.0.0-alpha-1',
          behind: { major: 0, minor: 1, patch: 0, releases: 3, days: 45 },
          releaseNotesUrl: 'https://hive.apache.org/releases/4.1.0',
          latestReleasedAt: ago(10 * DAY),
        }),
      ),
    });
    await renderCard({ api });
    expect(await screen.findByText('Behind')).toBeInTheDocument();
    expect(
      screen.getByText('4.0.1 → 4.1.0 (1 minor · 3 releases · 45 days behind)'),
    ).toBeInTheDocument();
    expect(screen.getByText('5.0.0-alpha-1')).toBeInTheDocument();
    expect(screen.getByText('10 days ago')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Release notes of 4.1.0/ }),
    ).toHaveAttribute('href', 'https://hive.apache.org/releases/4.1.0');
  });

  it('shows an upstream or release notes URL that is not a web link as text', async () => {
    const api = mockContainersApi({
      getDrift: jest.fn(async () =>
        driftRecord({
          status: 'behind',
          latest: '4.1.0',
          // eslint-disable-next-line no-script-url
          sourceUrl: 'javascript:alert(1)//!x',
          // eslint-disable-next-line no-script-url
          releaseNotesUrl: 'JaVaScRiPt:alert(document.cookie)',
        }),
      ),
    });
    await renderCard({ api });
    expect(await screen.findByText('github:apache/hive')).toBeInTheDocument();
    expect(
      // eslint-disable-next-line no-script-url
      screen.getByText('JaVaScRiPt:alert(document.cookie)'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(document.querySelector('a[href]')).toBeNull();
  });

  it('shows the last error and when the result was last good', async () => {
    const api = mockContainersApi({
      getDrift: jest.fn(async () =>
        driftRecord({
          status: 'error',
          current: '4.0.1',
          latest: '4.1.0',
          behind: { major: 0, minor: 1, patch: 0, releases: 3 },
          checkedAt: ago(20 * MINUTE),
          lastSuccessAt: ago(2 * DAY),
          error:
            'GET https://api.github.com/repos/apache/hive/tags failed: 503 Service Unavailable',
        }),
      ),
    });
    await renderCard({ api });
    expect(await screen.findByText('Check failed')).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText(/The last check failed/)).toHaveTextContent(
      'The last check failed 20 minutes ago',
    );
    expect(
      within(alert).getByText(/503 Service Unavailable/),
    ).toBeInTheDocument();
    expect(within(alert).getByText(/Last good result/)).toHaveTextContent(
      /Last good result: 2 days ago .*the versions below are from that check/,
    );
    // The last good result is still shown.
    expect(
      screen.getByText(
        'Last good check: 4.0.1 → 4.1.0 (1 minor · 3 releases behind)',
      ),
    ).toBeInTheDocument();
  });

  it('says when no check has ever succeeded', async () => {
    const api = mockContainersApi({
      getDrift: jest.fn(async () =>
        driftRecord({
          status: 'error',
          lastSuccessAt: undefined,
          error: 'repository not found',
        }),
      ),
    });
    await renderCard({ api });
    expect(
      await screen.findByText('No check of this container has succeeded yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Upstream could not be read.')).toBeInTheDocument();
  });

  it('explains why a manual container has no drift, and offers no refresh', async () => {
    const api = mockContainersApi({
      getDrift: jest.fn(async () =>
        driftRecord({
          strategy: 'manual',
          status: 'unknown',
          source: undefined,
          sourceUrl: undefined,
          current: '2024.10',
          error: 'version.strategy is manual: there is no upstream feed',
        }),
      ),
    });
    await renderCard({
      api,
      allowed: true,
      entity: containerEntity('legacy-tool', {
        annotations: { 'dockyard.io/upstream-strategy': 'manual' },
      }),
    });
    expect(await screen.findByText('Manual')).toBeInTheDocument();
    expect(
      screen.getByText('Version kept by hand: no drift to compute'),
    ).toBeInTheDocument();
    expect(screen.getByText('2024.10', { selector: 'b' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /check/i }),
    ).not.toBeInTheDocument();
  });

  it('explains a manual container even before its first check', async () => {
    const api = mockContainersApi();
    await renderCard({
      api,
      entity: containerEntity('legacy-tool', {
        annotations: {
          'dockyard.io/upstream-strategy': 'manual',
          'dockyard.io/current-version': '7.2',
        },
      }),
    });
    expect(
      await screen.findByText('Version kept by hand: no drift to compute'),
    ).toBeInTheDocument();
  });

  it('says when a container has not been checked yet', async () => {
    const api = mockContainersApi();
    await renderCard({ api, allowed: true });
    expect(await screen.findByText('Not checked yet.')).toBeInTheDocument();
    expect(screen.getByText('github:apache/hive')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Check for the first time' }),
    ).toBeInTheDocument();
  });

  it('hides the refresh button without the permission', async () => {
    const api = mockContainersApi({
      getDrift: jest.fn(async () => driftRecord({ status: 'up-to-date' })),
    });
    const { authorize } = await renderCard({ api, allowed: false });
    expect(await screen.findByText('Up to date')).toBeInTheDocument();
    // Wait until the decision is in, so a button that came with it would be there.
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    await act(() => new Promise(resolve => setTimeout(resolve, 10)));
    expect(
      screen.queryByRole('button', { name: /check/i }),
    ).not.toBeInTheDocument();
  });

  it('refreshes this container and shows the new result', async () => {
    const api = mockContainersApi({
      getDrift: jest
        .fn()
        .mockResolvedValueOnce(
          driftRecord({ status: 'up-to-date', checkedAt: ago(5 * HOUR) }),
        )
        .mockResolvedValueOnce(
          driftRecord({
            status: 'behind',
            latest: '4.1.1',
            behind: { major: 0, minor: 1, patch: 0, releases: 4 },
            checkedAt: ago(0),
          }),
        ),
    });
    const { toastApi } = await renderCard({ api, allowed: true });
    expect(await screen.findByText('5 hours ago')).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Check now' }),
    );
    expect(await screen.findByText('Behind')).toBeInTheDocument();
    expect(api.refreshDrift).toHaveBeenCalledWith({
      entityRef: 'component:default/hive-metastore',
    });
    expect(api.getDrift).toHaveBeenCalledTimes(2);
    expect(toastApi.post).toHaveBeenCalledWith({
      title: 'Checked upstream again.',
      status: 'success',
      timeout: 5000,
    });
  });

  it('says why a refresh failed, until dismissed, and shows the record again', async () => {
    const api = mockContainersApi({
      getDrift: jest.fn(async () => driftRecord({ status: 'up-to-date' })),
      refreshDrift: jest.fn(async () => {
        throw new Error('429 Too Many Requests');
      }),
    });
    const { toastApi } = await renderCard({ api, allowed: true });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Check now' }),
    );
    await waitFor(() =>
      expect(toastApi.post).toHaveBeenCalledWith({
        title: 'Could not check upstream: 429 Too Many Requests',
        status: 'danger',
      }),
    );
    await waitFor(() => expect(api.getDrift).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('Up to date')).toBeInTheDocument();
  });

  it('shows an error when the backend cannot be reached', async () => {
    const api = mockContainersApi({
      getDrift: jest.fn(async () => {
        throw new Error('containers backend unavailable');
      }),
    });
    await renderCard({ api });
    await waitFor(() =>
      expect(
        screen.getAllByText(/containers backend unavailable/).length,
      ).toBeGreaterThan(0),
    );
  });
});
