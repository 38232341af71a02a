import type { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { DriftRecord } from '@dockyard/plugin-containers-common';
import { containersApiRef } from '../../api';
import { scaffolderTemplateRouteRef } from '../../routes';
import {
  containerEntity,
  driftRecord,
  mockContainersApi,
} from '../../__testUtils__/fixtures';
import { FreshPermissionCache } from '../../__testUtils__/FreshPermissionCache';
import { bumpTemplateHref } from './BumpAction';
import { ContainerDriftCard } from './ContainerDriftCard';

const TRINO: Partial<DriftRecord> = {
  entityRef: 'component:default/trino',
  slug: 'trino',
  status: 'behind',
  current: '476',
  latest: '478',
  behind: { major: 2, minor: 0, patch: 0, releases: 2, days: 48 },
  releaseNotesUrl: 'https://trino.io/docs/current/release/release-478.html',
};

const TRINO_ENTITY = containerEntity('trino', {
  container: {
    name: 'Trino',
    slug: 'trino',
    version: { strategy: 'github-release', current: '476' },
    catalog: {
      role: 'consumer',
      rollback: {
        previous: 'hive_metastore',
        runbook: '../../docs/runbooks/iceberg-catalog-rollback.md',
        steps: ['Stop the writers.'],
      },
    },
  },
});

async function renderCard(options: {
  record: Partial<DriftRecord>;
  entity?: Entity;
  /** The permissions allowed, by name. */
  allow?: string[];
  /** Whether the app binds the scaffolder's template page. */
  bound?: boolean;
}) {
  const allow = options.allow ?? ['scaffolder.task.create'];
  const authorize = jest.fn((request: EvaluatePermissionRequest) =>
    allow.includes(request.permission.name)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  );
  const api = mockContainersApi({
    getDrift: jest.fn(async () => driftRecord(options.record)),
  });
  await act(async () => {
    renderInTestApp(
      <TestApiProvider
        apis={[[containersApiRef, api], mockApis.permission({ authorize })]}
      >
        <FreshPermissionCache>
          <EntityProvider entity={options.entity ?? TRINO_ENTITY}>
            <ContainerDriftCard />
          </EntityProvider>
        </FreshPermissionCache>
      </TestApiProvider>,
      {
        mountedRoutes:
          options.bound === false
            ? {}
            : {
                '/create/templates/:namespace/:templateName':
                  scaffolderTemplateRouteRef,
              },
      },
    );
  });
  await screen.findByText('Current');
  // Let the permission decisions land inside act(), as they would before anyone clicks.
  await waitFor(() => expect(authorize).toHaveBeenCalled());
  await act(() => new Promise(resolve => setTimeout(resolve, 0)));
  return { authorize };
}

/** The form data the link gives the template. */
function formDataOf(link: HTMLElement) {
  const url = new URL(link.getAttribute('href')!, 'http://localhost');
  return {
    path: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}

describe('ContainerDriftCard: Bump to <latest>', () => {
  it('opens the Bump container template with the container and its latest version filled in', async () => {
    const { authorize } = await renderCard({
      record: { ...TRINO, behind: { ...TRINO.behind!, major: 0, minor: 1 } },
    });
    const link = await screen.findByRole('button', { name: 'Bump to 478' });
    expect(formDataOf(link)).toEqual({
      path: '/create/templates/default/bump-container',
      formData: { container: 'component:default/trino', version: '478' },
    });
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'scaffolder.task.create',
          attributes: { action: 'create' },
        }),
      }),
    );
    // Not a major bump: no warning.
    expect(screen.queryByText(/Major version/)).not.toBeInTheDocument();
  });

  it('is hidden from people who may not run templates', async () => {
    await renderCard({ record: TRINO, allow: [] });
    expect(screen.getByText('476 → 478', { exact: false })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Bump to/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/Major version/)).not.toBeInTheDocument();
  });

  it('is not offered where the app does not bind the template page', async () => {
    await renderCard({ record: TRINO, bound: false });
    expect(
      screen.queryByRole('button', { name: /^Bump to/ }),
    ).not.toBeInTheDocument();
  });

  it.each([
    ['up to date', { status: 'up-to-date', latest: '476', behind: undefined }],
    ['unknown', { status: 'unknown', latest: undefined, behind: undefined }],
    [
      'failing (even with a last good result)',
      { status: 'error', error: 'GitHub answered 500' },
    ],
  ] as const)('is not offered when drift is %s', async (_label, record) => {
    await renderCard({ record: { ...TRINO, ...record } });
    expect(
      screen.queryByRole('button', { name: /^Bump to/ }),
    ).not.toBeInTheDocument();
  });

  it('says a major bump is one and links the rollback notes before the button', async () => {
    await renderCard({ record: TRINO });
    const warning = await screen.findByRole('alert');
    expect(
      within(warning).getByText('Major version: read the rollback notes first'),
    ).toBeInTheDocument();
    expect(warning).toHaveTextContent(
      '476 → 478 moves to another major version',
    );
    // The runbook, resolved as the rollback card resolves it (the entity's source location).
    const notes = within(warning).getByRole('link', {
      name: /^rollback notes/,
    });
    expect(notes).toHaveAttribute(
      'href',
      'https://github.com/example/platform/tree/main/docs/runbooks/iceberg-catalog-rollback.md',
    );
    // The warning comes first, then the button.
    const button = screen.getByRole('button', { name: 'Bump to 478' });
    expect(
      warning.compareDocumentPosition(button) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('points a major bump without a runbook at the rollback card, or says there are no notes', async () => {
    await renderCard({
      record: TRINO,
      entity: containerEntity('trino', {
        container: {
          name: 'Trino',
          catalog: { role: 'consumer', rollback: { steps: ['Stop.'] } },
        },
      }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Read the rollback steps in the Iceberg catalog and rollback card on this page',
    );
  });

  it('says when a major bump has no rollback notes at all', async () => {
    await renderCard({
      record: TRINO,
      entity: containerEntity('trino', { container: { name: 'Trino' } }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This container has no rollback notes (catalog.rollback in its container.yaml)',
    );
  });

  it('renders a hostile runbook path as text, and a hostile version only inside the form data', async () => {
    await renderCard({
      record: { ...TRINO, latest: '478"><img src=x onerror=alert(1)>' },
      entity: containerEntity('trino', {
        container: {
          name: 'Trino',
          catalog: {
            role: 'consumer',
            // eslint-disable-next-line no-script-url
            rollback: { runbook: 'javascript:alert(1)', steps: ['Stop.'] },
          },
        },
      }),
    });
    const warning = await screen.findByRole('alert');
    expect(within(warning).queryByRole('link')).not.toBeInTheDocument();
    // eslint-disable-next-line no-script-url
    expect(warning).toHaveTextContent('javascript:alert(1)');
    const link = screen.getByRole('button', { name: /^Bump to 478"/ });
    expect(formDataOf(link).formData.version).toBe(
      '478"><img src=x onerror=alert(1)>',
    );
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });
});

describe('bumpTemplateHref', () => {
  it('puts the form data in the query as the scaffolder reads it', () => {
    expect(
      bumpTemplateHref(
        '/create/templates/default/bump-container',
        'component:default/trino',
        '478',
      ),
    ).toBe(
      '/create/templates/default/bump-container?formData=%7B%22container%22%3A%22component%3Adefault%2Ftrino%22%2C%22version%22%3A%22478%22%7D',
    );
  });
});
