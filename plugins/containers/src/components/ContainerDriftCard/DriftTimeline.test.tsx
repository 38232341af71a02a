import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import type {
  DriftHistoryPoint,
  DriftRecord,
  EntityDriftHistory,
} from '@dockyard/plugin-containers-common';
import { act, screen, within } from '@testing-library/react';
import { containersApiRef } from '../../api';
import { formatDay } from '../../lib/driftHistory';
import {
  ago,
  DAY,
  driftRecord,
  mockContainersApi,
} from '../../__testUtils__/fixtures';
import { DriftTimeline, TIMELINE_DAYS } from './DriftTimeline';

const ENTITY_REF = 'component:default/hive-metastore';

function point(
  checkedAt: string,
  overallStatus: DriftHistoryPoint['overallStatus'],
  latest = '4.0.1',
): DriftHistoryPoint {
  return {
    checkedAt,
    kind: 'main',
    status: overallStatus,
    current: '4.0.1',
    latest,
    overallStatus,
  };
}

function history(
  points: DriftHistoryPoint[],
  behindSince?: string,
): EntityDriftHistory {
  return {
    entityRef: ENTITY_REF,
    from: ago((TIMELINE_DAYS - 1) * DAY).slice(0, 10),
    points,
    ...(behindSince && { behindSince }),
  };
}

async function renderTimeline(
  record: DriftRecord,
  answer: () => Promise<EntityDriftHistory>,
) {
  const api = mockContainersApi({
    getDriftHistory: jest.fn(answer),
  });
  let rerender: (ui: JSX.Element) => void = () => {};
  const ui = (r: DriftRecord) => (
    <TestApiProvider apis={[[containersApiRef, api]]}>
      <DriftTimeline record={r} />
    </TestApiProvider>
  );
  await act(async () => {
    ({ rerender } = renderInTestApp(ui(record)));
  });
  return { api, rerender: (r: DriftRecord) => rerender(ui(r)) };
}

describe('DriftTimeline', () => {
  const since = ago(12 * DAY);

  it('says since when the container has been behind and lists its changes, newest first', async () => {
    const record = driftRecord({
      status: 'behind',
      latest: '4.0.3',
      behindSince: since,
    });
    const newest = ago(3 * DAY);
    const { api } = await renderTimeline(record, async () =>
      history(
        [
          point(ago(20 * DAY), 'up-to-date'),
          point(ago(19 * DAY), 'up-to-date'),
          point(since, 'behind', '4.0.2'),
          point(newest, 'behind', '4.0.3'),
        ],
        since,
      ),
    );
    expect(api.getDriftHistory).toHaveBeenCalledWith(ENTITY_REF, {
      days: 90,
    });
    const section = await screen.findByRole('region', {
      name: 'Drift history',
    });
    expect(within(section).getByText(/^Behind since/).textContent).toBe(
      `Behind since ${formatDay(since)} (12 days)`,
    );
    const list = within(section).getByRole('list', {
      name: 'Status changes in the last 90 days, newest first',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      `${formatDay(newest)}Behind: 4.0.1 → 4.0.3`,
      `${formatDay(since)}Behind: 4.0.1 → 4.0.2`,
      `${formatDay(ago(20 * DAY))}Up to date: 4.0.1`,
    ]);
    // Each date is a machine-readable time.
    expect(list.querySelector('time')).toHaveAttribute('datetime', newest);
  });

  it('draws the status over time as a picture only, beside the words', async () => {
    await renderTimeline(driftRecord({ behindSince: since }), async () =>
      history([point(ago(20 * DAY), 'up-to-date'), point(since, 'behind')]),
    );
    const section = await screen.findByRole('region', {
      name: 'Drift history',
    });
    const strip = section.querySelector('[aria-hidden="true"]')!;
    expect(
      [...strip.querySelectorAll('[data-status]')].map(el =>
        el.getAttribute('data-status'),
      ),
    ).toEqual(['up-to-date', 'behind']);
    expect(within(section).getByText('today')).toBeInTheDocument();
  });

  it('lists five changes and counts the earlier ones', async () => {
    const statuses = ['up-to-date', 'behind'] as const;
    await renderTimeline(driftRecord(), async () =>
      history(
        Array.from({ length: 7 }, (_, i) =>
          point(ago((30 - i) * DAY), statuses[i % 2]),
        ),
      ),
    );
    const section = await screen.findByRole('region', {
      name: 'Drift history',
    });
    expect(within(section).getAllByRole('listitem')).toHaveLength(5);
    expect(
      within(section).getByText('… and 2 earlier changes'),
    ).toBeInTheDocument();
    expect(within(section).queryByText(/^Behind since/)).toBeNull();
  });

  it('shows nothing without any history', async () => {
    await renderTimeline(driftRecord(), async () => history([]));
    expect(screen.queryByRole('region', { name: 'Drift history' })).toBeNull();
  });

  it('says when the history could not be loaded', async () => {
    await renderTimeline(driftRecord(), async () => {
      throw new Error('HTTP 503');
    });
    expect(
      await screen.findByText(
        'The drift history could not be loaded: HTTP 503',
      ),
    ).toBeInTheDocument();
  });

  it('loads again after a new check of the container', async () => {
    const record = driftRecord();
    const { api, rerender } = await renderTimeline(record, async () =>
      history([point(record.checkedAt, 'up-to-date')]),
    );
    await screen.findByRole('region', { name: 'Drift history' });
    expect(api.getDriftHistory).toHaveBeenCalledTimes(1);
    await act(async () => {
      rerender({ ...record, checkedAt: ago(0) });
    });
    expect(api.getDriftHistory).toHaveBeenCalledTimes(2);
  });
});
