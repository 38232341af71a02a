import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { DriftRecord, EolInfo } from '@dockyard/plugin-containers-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { containersApiRef } from '../../api';
import {
  containerEntity,
  driftRecord,
  mockContainersApi,
} from '../../__testUtils__/fixtures';
import { FreshPermissionCache } from '../../__testUtils__/FreshPermissionCache';
import { ContainerDriftCard } from './ContainerDriftCard';
import { EolStatus } from './EolStatus';

/** Today (UTC) moved by `days`, `YYYY-MM-DD`. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function eol(overrides: Partial<EolInfo>): EolInfo {
  return {
    product: 'postgresql',
    cycle: '17',
    state: 'supported',
    eolDate: day(1400),
    daysToEol: 1400,
    latestCycle: '18',
    ...overrides,
  };
}

async function renderStatus(info?: EolInfo) {
  await renderInTestApp(<EolStatus eol={info} />);
}

/** The end-of-life section's facts, as "label: value" lines. */
function facts(): string[] {
  const section = screen.getByRole('region', { name: 'End of life' });
  return within(section)
    .getAllByRole('term')
    .map(term => `${term.textContent}: ${term.nextSibling?.textContent}`);
}

function chip(): string | null | undefined {
  return document.querySelector('[data-eol]')?.getAttribute('data-eol');
}

describe('EolStatus', () => {
  it('says until when a supported cycle is supported, its cycle and the newest one', async () => {
    await renderStatus(eol({ supportedUntil: day(300) }));
    expect(chip()).toBe('supported');
    expect(screen.getByText('Supported')).toBeInTheDocument();
    expect(
      screen.getByText(`Supported until ${day(1400)}.`),
    ).toBeInTheDocument();
    expect(facts()).toEqual([
      'Release cycle: postgresql 17, Opens in a new window',
      'Newest supported cycle: 18',
      `Active support: until ${day(300)}`,
    ]);
    expect(screen.getByRole('link', { name: /postgresql 17/ })).toHaveAttribute(
      'href',
      'https://endoflife.date/postgresql',
    );
  });

  it('warns with the days left inside the window', async () => {
    await renderStatus(
      eol({
        state: 'warning',
        eolDate: day(12),
        daysToEol: 12,
        supportedUntil: day(-200),
      }),
    );
    expect(chip()).toBe('warning');
    expect(screen.getByText('EOL soon')).toBeInTheDocument();
    expect(
      screen.getByText(`EOL in 12 days (${day(12)}).`),
    ).toBeInTheDocument();
    expect(facts()).toContain(`Active support: ended ${day(-200)}`);
  });

  it('says tomorrow, today and since when around the end-of-life date', async () => {
    const { rerender } = await renderInTestApp(
      <EolStatus
        eol={eol({ state: 'warning', eolDate: day(1), daysToEol: 1 })}
      />,
    );
    expect(screen.getByText(`EOL tomorrow (${day(1)}).`)).toBeInTheDocument();
    rerender(
      <EolStatus eol={eol({ state: 'eol', eolDate: day(0), daysToEol: 0 })} />,
    );
    expect(chip()).toBe('eol');
    expect(screen.getByText('Past EOL')).toBeInTheDocument();
    expect(screen.getByText(`EOL since ${day(0)}, today.`)).toBeInTheDocument();
    rerender(
      <EolStatus
        eol={eol({ state: 'eol', eolDate: day(-1), daysToEol: -1 })}
      />,
    );
    expect(
      screen.getByText(`EOL since ${day(-1)}, 1 day ago.`),
    ).toBeInTheDocument();
    rerender(
      <EolStatus
        eol={eol({
          state: 'eol',
          eolDate: undefined,
          daysToEol: undefined,
          cycle: '2.7',
          product: 'python',
          latestCycle: '3.14',
        })}
      />,
    );
    expect(screen.getByText('Past end of life.')).toBeInTheDocument();
  });

  it('says the newest cycle is the one in use', async () => {
    await renderStatus(eol({ cycle: '18', latestCycle: '18' }));
    expect(facts()).toContain('Newest supported cycle: 18 (the one in use)');
  });

  it('shows why the end of life is unknown', async () => {
    await renderStatus(
      eol({
        cycle: '3.99',
        product: 'python',
        state: 'unknown',
        eolDate: undefined,
        daysToEol: undefined,
        latestCycle: '3.14',
        error: 'endoflife.date lists no cycle "3.99" of python',
      }),
    );
    expect(chip()).toBe('unknown');
    expect(
      screen.getByText('endoflife.date lists no cycle "3.99" of python'),
    ).toBeInTheDocument();
    expect(facts()).not.toContainEqual(expect.stringMatching(/^Last lookup/));
  });

  it('keeps the last good dates when the last lookup failed, and says so', async () => {
    await renderStatus(eol({ error: 'endoflife.date postgresql: HTTP 503' }));
    expect(chip()).toBe('supported');
    expect(facts()).toContain(
      'Last lookup: failed: endoflife.date postgresql: HTTP 503',
    );
  });

  it('shows nothing for a container that does not track its end of life', async () => {
    await renderStatus(undefined);
    expect(
      screen.queryByRole('region', { name: 'End of life' }),
    ).not.toBeInTheDocument();
  });

  it('reads an unknown product without a cycle', async () => {
    await renderStatus(
      eol({
        product: 'nosuch',
        cycle: '',
        state: 'unknown',
        eolDate: undefined,
        daysToEol: undefined,
        latestCycle: undefined,
        error: 'endoflife.date has no product "nosuch"',
      }),
    );
    expect(facts()).toEqual(['Release cycle: nosuch, Opens in a new window']);
    expect(screen.getByRole('link', { name: /nosuch/ })).toHaveAttribute(
      'href',
      'https://endoflife.date/nosuch',
    );
  });
});

describe('the drift card with an end of life', () => {
  async function renderCard(record: DriftRecord) {
    const authorize = jest.fn(() => AuthorizeResult.DENY);
    const api = mockContainersApi({ getDrift: jest.fn(async () => record) });
    await act(async () => {
      renderInTestApp(
        <TestApiProvider
          apis={[[containersApiRef, api], mockApis.permission({ authorize })]}
        >
          <FreshPermissionCache>
            <EntityProvider entity={containerEntity('postgres')}>
              <ContainerDriftCard />
            </EntityProvider>
          </FreshPermissionCache>
        </TestApiProvider>,
      );
    });
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    await act(() => new Promise(resolve => setTimeout(resolve, 0)));
  }

  it('shows it under the versions of a checked container', async () => {
    await renderCard(
      driftRecord({
        eol: eol({ state: 'warning', eolDate: day(30), daysToEol: 30 }),
      }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('region', { name: 'End of life' }),
      ).toBeInTheDocument(),
    );
    expect(
      screen.getByText(`EOL in 30 days (${day(30)}).`),
    ).toBeInTheDocument();
  });

  it('shows it for a version kept by hand too', async () => {
    await renderCard(
      driftRecord({
        strategy: 'manual',
        status: 'unknown',
        latest: undefined,
        eol: eol({ state: 'eol', eolDate: day(-10), daysToEol: -10 }),
      }),
    );
    await waitFor(() =>
      expect(
        screen.getByText(`EOL since ${day(-10)}, 10 days ago.`),
      ).toBeInTheDocument(),
    );
  });
});
