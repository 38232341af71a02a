import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import type {
  DriftTrend,
  DriftTrendDay,
} from '@dockyard/plugin-containers-common';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { containersApiRef } from '../../api';
import { describeTrend, formatDay } from '../../lib/driftHistory';
import { mockContainersApi } from '../../__testUtils__/fixtures';
import { DriftTrendChart, TREND_DAYS } from './DriftTrendChart';

/**
 * jsdom lays nothing out and has no ResizeObserver: this one tells every observed element it is
 * 720 by 280 pixels as soon as it is observed, as a browser would on the first layout, so the
 * chart renders at a real size (a zero size would make recharts warn and draw nothing).
 */
class LaidOutResizeObserver implements ResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    const contentRect = { width: 720, height: 280 } as DOMRectReadOnly;
    this.callback([{ target, contentRect } as ResizeObserverEntry], this);
  }
  unobserve() {}
  disconnect() {}
}

const realResizeObserver = globalThis.ResizeObserver;
beforeAll(() => {
  globalThis.ResizeObserver = LaidOutResizeObserver;
});
afterAll(() => {
  globalThis.ResizeObserver = realResizeObserver;
});

const DAY_MS = 86_400_000;
const today = new Date();
const dayBefore = (n: number) =>
  new Date(today.getTime() - n * DAY_MS).toISOString().slice(0, 10);

/** 30 days of a platform getting better: fewer behind each day, a failure spell, one EOL. */
function trend(days: DriftTrendDay[] = sampleDays()): DriftTrend {
  return {
    from: dayBefore(TREND_DAYS - 1),
    to: dayBefore(0),
    days,
  };
}

function sampleDays(): DriftTrendDay[] {
  return Array.from({ length: 30 }, (_, i) => ({
    day: dayBefore(29 - i),
    containers: 40,
    behind: 30 - i,
    failing: i >= 10 && i < 13 ? 2 : 0,
    pastEol: 1,
    ...(30 - i > 0 && { medianDaysBehind: 100 - i }),
  }));
}

async function renderChart(answer: () => Promise<DriftTrend>) {
  const api = mockContainersApi({ getDriftTrend: jest.fn(answer) });
  await act(async () => {
    renderInTestApp(
      <TestApiProvider apis={[[containersApiRef, api]]}>
        <DriftTrendChart />
      </TestApiProvider>,
    );
  });
  return api;
}

describe('DriftTrendChart', () => {
  it('draws 90 days of containers behind, failing, past EOL and the median days behind', async () => {
    const api = await renderChart(async () => trend());
    expect(api.getDriftTrend).toHaveBeenCalledWith({ days: 90 });

    const figure = await screen.findByRole('figure', {
      name: 'Drift over the last 90 days',
    });
    // Described in words: the first and the last day.
    expect(figure).toHaveAccessibleDescription(describeTrend(sampleDays()));
    expect(figure).toHaveAccessibleDescription(
      `On ${formatDay(
        dayBefore(29),
      )}: 30 behind, 0 failing, 1 past end of life, median 100 days behind. ` +
        `On ${formatDay(
          dayBefore(0),
        )}: 1 behind, 0 failing, 1 past end of life, median 71 days behind.`,
    );
    // The chart is one image with a title and a description.
    const chart = within(figure).getByRole('img', {
      name: 'Drift over the last 90 days',
    });
    expect(chart.querySelector('desc')?.textContent).toBe(
      describeTrend(sampleDays()),
    );
    // Four lines, told apart by dash pattern as well as colour, each named in the legend.
    const lines = [...chart.querySelectorAll('.recharts-line-curve')];
    expect(lines.map(line => line.getAttribute('stroke-dasharray'))).toEqual([
      null,
      '8 4',
      '2 3',
      '12 4 2 4',
    ]);
    expect(new Set(lines.map(line => line.getAttribute('stroke'))).size).toBe(
      4,
    );
    for (const name of [
      'Containers behind',
      'Checks failing',
      'Past end of life',
      'Median days behind',
    ]) {
      expect(within(figure).getByText(name)).toBeInTheDocument();
    }
  });

  it('gives the numbers per day as a table, newest first', async () => {
    await renderChart(async () => trend());
    await userEvent.click(await screen.findByText('The numbers per day'));
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(31);
    expect(
      within(rows[0])
        .getAllByRole('columnheader')
        .map(cell => cell.textContent),
    ).toEqual([
      'Day',
      'Behind',
      'Failing',
      'Past end of life',
      'Median days behind',
      'Containers checked',
    ]);
    expect(
      [rows[1], rows[30]].map(row =>
        [
          within(row).getByRole('rowheader'),
          ...within(row).getAllByRole('cell'),
        ].map(cell => cell.textContent),
      ),
    ).toEqual([
      [formatDay(dayBefore(0)), '1', '0', '1', '71', '40'],
      [formatDay(dayBefore(29)), '30', '0', '1', '100', '40'],
    ]);
  });

  it('says when no check has been recorded yet, without a chart', async () => {
    await renderChart(async () => trend([]));
    const figure = await screen.findByRole('figure', {
      name: 'Drift over the last 90 days',
    });
    expect(figure).toHaveAccessibleDescription(
      'No checks recorded in this period yet.',
    );
    expect(within(figure).queryByRole('img')).toBeNull();
    expect(screen.queryByText('The numbers per day')).toBeNull();
  });

  it('says when the trend could not be loaded', async () => {
    await renderChart(async () => {
      throw new Error('HTTP 503');
    });
    expect(
      await screen.findByText('The trend could not be loaded: HTTP 503'),
    ).toBeInTheDocument();
  });
});
