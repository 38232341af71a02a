import { toastApiRef } from '@backstage/frontend-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { DriftRecord, EolInfo } from '@dockyard/plugin-containers-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { containersApiRef } from '../../api';
import {
  ago,
  containerEntity,
  HOUR,
  mockContainersApi,
  mockToastApi,
} from '../../__testUtils__/fixtures';
import { FreshPermissionCache } from '../../__testUtils__/FreshPermissionCache';
import { DriftOverview } from './DriftOverview';

/** Today (UTC) moved by `days`, `YYYY-MM-DD`. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function eol(
  state: EolInfo['state'],
  daysToEol?: number,
  extra: Partial<EolInfo> = {},
): EolInfo {
  return {
    product: 'postgresql',
    cycle: '17',
    state,
    daysToEol,
    eolDate: daysToEol === undefined ? undefined : day(daysToEol),
    latestCycle: '18',
    ...extra,
  };
}

function record(name: string, info?: EolInfo): DriftRecord {
  return {
    entityRef: `component:default/${name}`,
    slug: name,
    strategy: 'docker-tags',
    current: '17.6',
    latest: '17.6',
    status: 'up-to-date',
    checkedAt: ago(HOUR),
    ...(info && { eol: info }),
  };
}

const RECORDS = [
  record('postgres-old', eol('eol', -120, { cycle: '12' })),
  record('postgres-legacy', eol('eol', -3, { cycle: '13' })),
  record('postgres-14', eol('warning', 30, { cycle: '14' })),
  record('postgres', eol('supported', 1400)),
  record(
    'python',
    eol('unknown', undefined, {
      product: 'python',
      cycle: '3.99',
      error: 'endoflife.date lists no cycle "3.99" of python',
    }),
  ),
  record('trino'),
];

async function renderOverview(url?: string) {
  const containersApi = mockContainersApi({
    listDrift: jest.fn(async () => RECORDS),
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [containersApiRef, containersApi],
        [
          catalogApiRef,
          catalogApiMock({
            entities: RECORDS.map(r => containerEntity(r.slug)),
          }),
        ],
        [toastApiRef, mockToastApi()],
        mockApis.permission({ authorize: () => AuthorizeResult.DENY }),
      ]}
    >
      <FreshPermissionCache>
        <DriftOverview />
        <Address />
      </FreshPermissionCache>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: url ? [url] : undefined,
    },
  );
  await screen.findByRole('table', { name: 'Container drift' });
}

function Address() {
  return <output aria-label="Address">{useLocation().search}</output>;
}

function tile(label: string): HTMLElement {
  return within(screen.getByRole('group', { name: 'Drift summary' })).getByRole(
    'button',
    { name: new RegExp(label) },
  );
}

/** Each row as "container: end of life" text. */
function eolColumn(): string[] {
  const table = screen.getByRole('table', { name: 'Container drift' });
  const headers = Array.from(table.querySelectorAll('thead th')).map(
    th => th.textContent,
  );
  const at = headers.indexOf('End of life');
  return Array.from(table.querySelectorAll('tbody tr')).map(tr => {
    const cells = tr.querySelectorAll('td');
    return `${cells[0].textContent}: ${cells[at].textContent}`;
  });
}

jest.setTimeout(60_000);

describe('DriftOverview end of life', () => {
  it('counts the containers past EOL and EOL soon in tiles of their own', async () => {
    await renderOverview();
    expect(tile('Past EOL')).toHaveTextContent('2Past EOL');
    expect(tile('EOL soon')).toHaveTextContent('1EOL soon');
    // The status tiles still count every container once.
    expect(tile('Up to date')).toHaveTextContent('6Up to date');
  });

  it('shows each container’s end of life in a column', async () => {
    await renderOverview('/?sort=title');
    expect(eolColumn()).toEqual([
      `postgres: Supporteduntil ${day(1400)}postgresql 17 · newest 18`,
      'postgres-14: EOL soonin 30 dayspostgresql 14 · newest 18',
      `postgres-legacy: Past EOLsince ${day(-3)}postgresql 13 · newest 18`,
      `postgres-old: Past EOLsince ${day(-120)}postgresql 12 · newest 18`,
      'python: EOL unknownpython 3.99 · newest 18',
      'trino: —',
    ]);
  });

  it('filters from a tile, into the URL, and back', async () => {
    await renderOverview();
    await userEvent.click(tile('Past EOL'));
    expect(tile('Past EOL')).toHaveAttribute('aria-pressed', 'true');
    // In the default order (status, then name): all are up to date.
    expect(eolColumn().map(row => row.split(':')[0])).toEqual([
      'postgres-legacy',
      'postgres-old',
    ]);
    expect(screen.getByRole('status', { name: 'Address' })).toHaveTextContent(
      '?eol=eol',
    );
    await userEvent.click(tile('Past EOL'));
    expect(eolColumn()).toHaveLength(6);
  });

  it('filters with the End of life picker, several states at once', async () => {
    await renderOverview();
    await userEvent.click(screen.getByLabelText('End of life'));
    const listbox = await screen.findByRole('listbox');
    await userEvent.click(within(listbox).getByText('EOL soon'));
    await userEvent.click(within(listbox).getByText('EOL not tracked'));
    await userEvent.keyboard('{Escape}');
    expect(
      eolColumn()
        .map(row => row.split(':')[0])
        .sort(),
    ).toEqual(['postgres-14', 'trino']);
    expect(tile('EOL soon')).toHaveAttribute('aria-pressed', 'true');
  });

  it('opens a shared link filtered and sorted by end of life, worst first', async () => {
    await renderOverview('/?eol=eol&eol=warning&sort=eol');
    expect(eolColumn().map(row => row.split(':')[0])).toEqual([
      'postgres-old',
      'postgres-legacy',
      'postgres-14',
    ]);
  });
});
