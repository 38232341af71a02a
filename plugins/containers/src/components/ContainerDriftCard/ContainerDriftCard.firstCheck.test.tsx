import { toastApiRef } from '@backstage/frontend-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  DRIFT_CHECKED_SIGNAL_CHANNEL,
  DriftRecord,
} from '@dockyard/plugin-containers-common';
import { act, screen, waitFor } from '@testing-library/react';
import { containersApiRef } from '../../api';
import {
  containerEntity,
  driftRecord,
  mockContainersApi,
  mockToastApi,
} from '../../__testUtils__/fixtures';
import { FreshPermissionCache } from '../../__testUtils__/FreshPermissionCache';
import { ContainerDriftCard } from './ContainerDriftCard';
import { PENDING_POLL_MS } from './useEntityDrift';

/** What the backend serves for a container never checked yet. */
const PENDING: DriftRecord = {
  entityRef: 'component:default/hive-metastore',
  slug: 'hive-metastore',
  strategy: 'github-tag',
  current: '4.0.1',
  status: 'unknown',
  checkedAt: '',
  pending: true,
};

const BEHIND = driftRecord({
  status: 'behind',
  current: '4.0.1',
  latest: '4.1.0',
  behind: { major: 0, minor: 1, patch: 0, releases: 1 },
});

/** A signals API the test publishes on, as the backend would after a check. */
function fakeSignals() {
  const subscribers = new Map<string, Array<(message: any) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const list = subscribers.get(channel) ?? [];
      list.push(onMessage as (message: any) => void);
      subscribers.set(channel, list);
      return {
        unsubscribe: () =>
          subscribers.set(
            channel,
            list.filter(s => s !== onMessage),
          ),
      };
    },
  };
  const publish = (channel: string, message: object) =>
    (subscribers.get(channel) ?? []).forEach(onMessage => onMessage(message));
  return { api, publish };
}

async function renderCard(
  getDrift: () => Promise<DriftRecord | undefined>,
  options: { fakeTimers?: boolean } = {},
) {
  const signals = fakeSignals();
  const api = mockContainersApi({ getDrift: jest.fn(getDrift) });
  await act(async () => {
    renderInTestApp(
      <TestApiProvider
        apis={[
          [containersApiRef, api],
          [toastApiRef, mockToastApi()],
          [signalApiRef, signals.api],
          mockApis.permission({ authorize: () => AuthorizeResult.ALLOW }),
        ]}
      >
        <FreshPermissionCache>
          <EntityProvider entity={containerEntity('hive-metastore')}>
            <ContainerDriftCard />
          </EntityProvider>
        </FreshPermissionCache>
      </TestApiProvider>,
    );
  });
  await act(async () => {
    if (options.fakeTimers) await jest.advanceTimersByTimeAsync(0);
    else await new Promise(resolve => setTimeout(resolve, 0));
  });
  return { api, signals };
}

describe('ContainerDriftCard before the first check', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('says checking… for a container whose first check is under way', async () => {
    await renderCard(async () => PENDING);
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Checking…');
    expect(
      screen.getByText(/first check of this container's upstream is under way/),
    ).toBeInTheDocument();
    expect(screen.getByText('4.0.1')).toBeInTheDocument();
    // Nothing from upstream is shown, nor the words of a card that was checked.
    expect(screen.queryByText('Unknown')).not.toBeInTheDocument();
    expect(screen.queryByText('Not checked yet.')).not.toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Check for the first time' }),
    ).toBeInTheDocument();
  });

  it('shows the result when the backend signals that a check finished', async () => {
    let served: DriftRecord = PENDING;
    const { api, signals } = await renderCard(async () => served);
    await screen.findByText('Checking…');

    served = BEHIND;
    await act(async () => {
      signals.publish(DRIFT_CHECKED_SIGNAL_CHANNEL, {
        checkedAt: new Date().toISOString(),
        containers: 1,
      });
    });
    expect(await screen.findByText('Behind')).toBeInTheDocument();
    expect(screen.queryByText('Checking…')).not.toBeInTheDocument();
    expect(api.getDrift).toHaveBeenCalledTimes(2);

    // Another channel's signal does not reload the card.
    await act(async () => {
      signals.publish('notifications', { action: 'new_notification' });
    });
    expect(api.getDrift).toHaveBeenCalledTimes(2);
  });

  it('asks again every few seconds while pending, in case no signal comes', async () => {
    jest.useFakeTimers();
    let served: DriftRecord = PENDING;
    const { api } = await renderCard(async () => served, {
      fakeTimers: true,
    });
    expect(screen.getByText('Checking…')).toBeInTheDocument();
    expect(api.getDrift).toHaveBeenCalledTimes(1);

    await act(async () => {
      await jest.advanceTimersByTimeAsync(PENDING_POLL_MS);
    });
    expect(api.getDrift).toHaveBeenCalledTimes(2);

    served = BEHIND;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(PENDING_POLL_MS);
    });
    await waitFor(() => expect(screen.getByText('Behind')).toBeInTheDocument());
    // Checked: no more asking.
    await act(async () => {
      await jest.advanceTimersByTimeAsync(3 * PENDING_POLL_MS);
    });
    expect(api.getDrift).toHaveBeenCalledTimes(3);
  });
});
