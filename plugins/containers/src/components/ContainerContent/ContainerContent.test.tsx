import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { JsonObject } from '@backstage/types';
import { parseContainerYaml } from '@dockyard/plugin-containers-common';
import { screen, within } from '@testing-library/react';
// The legacy files are read from disk, as the catalog module reads them.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import { containerEntity } from '../../__testUtils__/fixtures';
import { ContainerContent } from './ContainerContent';

const hiveMetastore = {
  name: 'Hive Metastore',
  slug: 'hive-metastore',
  summary: 'Standalone Hive Metastore',
  maintainers: [{ name: 'Team', email: 'team@example.com' }],
  version: {
    strategy: 'github-tag',
    current: '4.1.0',
    source: { repo: 'apache/hive' },
    filter: { strip_prefix: 'rel/release-' },
    notes: 'Take a pg_dump before upgrading.',
  },
  runtime: {
    base_image: 'docker.io/library/eclipse-temurin:17-jre-noble@sha256:abc',
    user: '10001:10001',
    workdir: '/opt/hive-metastore',
    entrypoint: ['/usr/local/bin/entrypoint.sh'],
    ports: [{ name: 'thrift', container_port: 9083, protocol: 'tcp' }],
    env: [
      {
        name: 'METASTORE_DB_HOST',
        default: 'postgres',
        description: 'PostgreSQL host of the metastore database.',
      },
      {
        name: 'METASTORE_DB_PASSWORD',
        default: '',
        description: 'Password of METASTORE_DB_USER; inject as a secret.',
      },
    ],
    volumes: [{ name: 'warehouse', path: '/var/lib/hive' }],
  },
  build: {
    args: {
      BASE_IMAGE: '!runtime.base_image',
      HIVE_VERSION: '!version.current',
      HADOOP_VERSION: '3.4.1',
    },
    platforms: ['linux/amd64', 'linux/arm64'],
  },
  tests: [{ name: 'smoke', command: './tests/smoke.sh' }],
  publish: {
    image: 'ghcr.io/example/data-platform/hive-metastore',
    tags: ['!version.current'],
    provenance: 'max',
    sbom: true,
    signing: { method: 'cosign', keyless: true },
    targets: [{ image: 'registry.example.com/data-platform/hive-metastore' }],
  },
};

async function renderTab(entity: Entity) {
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <ContainerContent />
    </EntityProvider>,
  );
}

/** The card with this title (InfoCard titles are not headings, so find the text). */
function card(title: string): HTMLElement {
  const titled = screen
    .getAllByText(title)
    .map(element => element.closest('.MuiCardHeader-root'))
    .find(Boolean);
  if (!titled) throw new Error(`no card titled ${title}`);
  return titled.closest('.MuiCard-root') as HTMLElement;
}

describe('ContainerContent', () => {
  beforeEach(async () => {
    await renderTab(
      containerEntity('hive-metastore', {
        container: hiveMetastore as unknown as JsonObject,
      }),
    );
  });

  it('shows the runtime: image, user, entrypoint, ports and volumes', async () => {
    const runtime = card('Runtime');
    expect(
      within(runtime).getByText(hiveMetastore.runtime.base_image),
    ).toBeInTheDocument();
    expect(within(runtime).getByText('10001:10001')).toBeInTheDocument();
    expect(
      within(runtime).getByText('["/usr/local/bin/entrypoint.sh"]'),
    ).toBeInTheDocument();
    expect(within(runtime).getByText('9083/tcp')).toBeInTheDocument();
    expect(within(runtime).getByText('/var/lib/hive')).toBeInTheDocument();
  });

  it('lists each environment variable with its default and description', async () => {
    const env = screen.getByRole('table', { name: 'Environment variables' });
    const rows = within(env)
      .getAllByRole('row')
      .map(row => row.textContent);
    expect(rows).toEqual([
      'VariableDefaultWhat it does',
      'METASTORE_DB_HOSTpostgresPostgreSQL host of the metastore database.',
      'METASTORE_DB_PASSWORD(empty)Password of METASTORE_DB_USER; inject as a secret.',
    ]);
  });

  it('shows build args with tokens resolved and where they come from', async () => {
    const args = screen.getByRole('table', { name: 'Build args' });
    const rows = within(args)
      .getAllByRole('row')
      .map(row => row.textContent);
    expect(rows).toEqual([
      'ArgValue',
      `BASE_IMAGE${hiveMetastore.runtime.base_image}from !runtime.base_image`,
      'HIVE_VERSION4.1.0from !version.current',
      'HADOOP_VERSION3.4.1',
    ]);
  });

  it('shows the published images with their derived tags and the revision rule', async () => {
    const publish = card('Publish');
    const tagsOf = (image: string) =>
      within(within(publish).getByText(image).parentElement!)
        .getAllByText(/./, { selector: '.MuiChip-label' })
        .map(chip => chip.textContent);
    const expected = ['4.1.0', '4', '4.1', 'latest', 'sha-<revision>'];
    expect(tagsOf('ghcr.io/example/data-platform/hive-metastore')).toEqual(
      expected,
    );
    expect(tagsOf('registry.example.com/data-platform/hive-metastore')).toEqual(
      expected,
    );
    // The revision rule says what it means on hover.
    for (const chip of within(publish).getAllByText('sha-<revision>')) {
      expect(chip.closest('.MuiChip-root')).toHaveAttribute(
        'title',
        'sha- and the first 12 hex digits of the git revision each build is made from',
      );
    }
  });

  it('shows provenance, SBOM and signing', async () => {
    const publish = card('Publish');
    expect(
      within(publish).getByText('max (buildx --provenance=mode=max)'),
    ).toBeInTheDocument();
    expect(within(publish).getByText('yes')).toBeInTheDocument();
    expect(
      within(publish).getByText('cosign, keyless (OIDC)'),
    ).toBeInTheDocument();
  });

  it('lists the tests with their commands', async () => {
    const tests = screen.getByRole('table', { name: 'Tests' });
    expect(within(tests).getByText('smoke')).toBeInTheDocument();
    expect(within(tests).getByText('./tests/smoke.sh')).toBeInTheDocument();
  });

  it('shows the upstream version stanza with its notes', async () => {
    const version = card('Upstream version');
    expect(within(version).getByText('github-tag')).toBeInTheDocument();
    expect(within(version).getByText('apache/hive')).toBeInTheDocument();
    expect(
      within(version).getByText('Take a pg_dump before upgrading.'),
    ).toBeInTheDocument();
  });
});

describe('ContainerContent with tracked companions', () => {
  it('marks each build arg a companion pins, and lists the companions', async () => {
    const spark = {
      ...hiveMetastore,
      build: {
        args: {
          SPARK_VERSION: '!version.current',
          ICEBERG_VERSION: '1.6.1',
          HADOOP_AWS_VERSION: '3.3.4',
          SCALA_VERSION: '2.12',
        },
      },
      version: {
        ...hiveMetastore.version,
        companions: [
          {
            name: 'iceberg-spark-runtime',
            strategy: 'maven',
            current: '!build.args.ICEBERG_VERSION',
            source: {
              group: 'org.apache.iceberg',
              artifact: 'iceberg-spark-runtime-3.5_2.12',
            },
          },
          {
            name: 'hadoop-aws',
            strategy: 'maven',
            current: '!build.args.HADOOP_AWS_VERSION',
            source: { group: 'org.apache.hadoop', artifact: 'hadoop-aws' },
          },
        ],
      },
    };
    await renderTab(
      containerEntity('spark', {
        container: spark as unknown as JsonObject,
      }),
    );
    const args = screen.getByRole('table', { name: 'Build args' });
    expect(
      within(args)
        .getAllByRole('row')
        .map(row => row.textContent),
    ).toEqual([
      'ArgValue',
      'SPARK_VERSION4.1.0from !version.current',
      'ICEBERG_VERSIONtracked: iceberg-spark-runtime1.6.1',
      'HADOOP_AWS_VERSIONtracked: hadoop-aws3.3.4',
      'SCALA_VERSION2.12',
    ]);
    expect(within(args).getAllByText(/^tracked: /)).toHaveLength(2);
    const version = card('Upstream version');
    expect(
      within(version).getByText(/iceberg-spark-runtime:/),
    ).toHaveTextContent(
      'iceberg-spark-runtime: !build.args.ICEBERG_VERSION (maven)',
    );
  });
});

describe('ContainerContent on an entity without container.yaml', () => {
  it('says so instead of showing empty cards', async () => {
    await renderTab(containerEntity('odd'));
    expect(
      await screen.findByText('No container.yaml on this entity'),
    ).toBeInTheDocument();
  });
});

// The platform's real, pre-Dockyard files must render too (the folder is not in the repo).
const legacyDir = path.resolve(
  __dirname,
  '../../../../../../shared/reference/container-yaml-v1',
);
const legacyFiles = fs.existsSync(legacyDir)
  ? fs
      .readdirSync(legacyDir)
      .filter(file => file.endsWith('.container.yaml') && !file.startsWith('_'))
  : [];
const describeLegacy = legacyFiles.length > 0 ? describe : describe.skip;

describeLegacy('ContainerContent with the legacy container.yaml files', () => {
  it.each(legacyFiles.length ? legacyFiles : ['none'])(
    'renders %s',
    async file => {
      const text = fs.readFileSync(path.join(legacyDir, file), 'utf8');
      const { container } = parseContainerYaml(text, { file });
      expect(container).toBeDefined();
      await renderTab(
        containerEntity(container!.slug, {
          container: container as unknown as JsonObject,
        }),
      );
      const publish = card('Publish');
      expect(
        within(publish).getByText(container!.publish!.image),
      ).toBeInTheDocument();
      expect(within(publish).getByText('latest')).toBeInTheDocument();
      expect(
        screen.queryByText(/could not be resolved/),
      ).not.toBeInTheDocument();
    },
  );
});
