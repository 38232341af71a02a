import { stringifyEntityRef } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  minimalContainerYaml,
  REPO_CONTAINERS,
} from './__testUtils__/containersFolder';
import type { UnparsedContainerYaml } from './containerFiles';
import {
  METASTORE_INTERFACES_LOCATION_KEY,
  ingestContainerFiles,
  ParseCache,
} from './ingest';
import { containerProblemsOf } from '@dockyard/plugin-containers-common';

const defaults = { system: 'data-platform', lifecycle: 'production' };

function file(
  folderName: string,
  content: string | Error,
): UnparsedContainerYaml {
  const path = `/platform/containers/${folderName}/container.yaml`;
  return {
    folderName,
    displayPath: path,
    source: { location: `file:${path}`, hasReadme: false },
    content,
  };
}

async function repoFile(
  slug: string,
  folderName = slug,
): Promise<UnparsedContainerYaml> {
  return file(
    folderName,
    await fs.readFile(join(REPO_CONTAINERS, slug, 'container.yaml'), 'utf8'),
  );
}

function refs(result: ReturnType<typeof ingestContainerFiles>) {
  return result.entities.map(e => stringifyEntityRef(e.entity));
}

describe('ingestContainerFiles', () => {
  it('emits one entity per file, keyed by its file, plus the catalog interfaces they mention', async () => {
    const result = ingestContainerFiles(
      [await repoFile('polaris'), await repoFile('trino')],
      {
        defaults,
        targetLocation: 'file:/platform/containers',
      },
    );
    expect(refs(result)).toEqual([
      'component:default/polaris',
      'component:default/trino',
      'api:default/hive-metastore-thrift',
      'api:default/iceberg-rest-catalog',
      'api:default/nessie-api',
    ]);
    expect(result.entities[0].locationKey).toBe(
      'file:/platform/containers/polaris/container.yaml',
    );
    expect(result.entities[2].locationKey).toBe(
      METASTORE_INTERFACES_LOCATION_KEY,
    );
    expect(result.entities[2].entity.metadata.annotations).toEqual({
      'backstage.io/managed-by-location': 'file:/platform/containers',
      'backstage.io/managed-by-origin-location': 'file:/platform/containers',
    });
  });

  it("gives an interface the configured owner, else its provider's owner", async () => {
    const polaris = await repoFile('polaris');
    const withoutDefault = ingestContainerFiles([polaris], {
      defaults,
      targetLocation: 'file:/x',
    });
    expect(withoutDefault.entities[1].entity.spec?.owner).toBe(
      'group:default/data-platform-team',
    );
    const withDefault = ingestContainerFiles([polaris], {
      defaults: { ...defaults, owner: 'group:default/platform-owners' },
      targetLocation: 'file:/x',
    });
    expect(withDefault.entities[1].entity.spec?.owner).toBe(
      'group:default/platform-owners',
    );
  });

  it('turns a file that does not parse or cannot be read into a stand-in carrying its problems', () => {
    const result = ingestContainerFiles(
      [
        file('good', minimalContainerYaml('good')),
        file('broken', 'name: [unclosed'),
        file(
          'gone',
          Object.assign(new Error('EACCES: permission denied'), {
            code: 'EACCES',
          }),
        ),
      ],
      { defaults, targetLocation: 'file:/x' },
    );
    expect(refs(result)).toEqual([
      'component:default/good',
      'component:default/broken',
      'component:default/gone',
    ]);
    expect(containerProblemsOf(result.entities[0].entity)).toBeUndefined();
    const broken = containerProblemsOf(result.entities[1].entity)!;
    expect(broken.length).toBeGreaterThan(0);
    expect(
      broken.every(
        p => p.severity === 'error' && p.file.endsWith('broken/container.yaml'),
      ),
    ).toBe(true);
    // The same problem discovery reports for a file it cannot read: line 1, rule unreadable.
    expect(containerProblemsOf(result.entities[2].entity)).toEqual([
      expect.objectContaining({
        line: 1,
        column: 1,
        rule: 'unreadable',
        message: 'cannot be read: EACCES: permission denied',
      }),
    ]);
    expect(result.reports.map(r => Boolean(r.container))).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('ingests a container whose lint rules fail, reporting them without blocking it', () => {
    // A Glue consumer without decision or rollback: the frontend tells what to add.
    const result = ingestContainerFiles(
      [
        file(
          'glue-job',
          minimalContainerYaml(
            'glue-job',
            'catalog:\n  role: consumer\n  uses:\n    - type: glue\n      uri: glue://eu-west-1/1\n',
          ),
        ),
      ],
      { defaults, targetLocation: 'file:/x' },
    );
    expect(containerProblemsOf(result.entities[0].entity)).toBeUndefined();
    expect(result.reports[0].problems.some(p => p.severity === 'error')).toBe(
      true,
    );
    expect(result.entities[0].entity.spec?.dependsOn).toEqual([
      'resource:default/aws-glue-data-catalog',
    ]);
  });

  it('gives a duplicate slug to the folder it names, and reports the copy naming both files', async () => {
    const result = ingestContainerFiles(
      [await repoFile('kafka', 'a-kafka-copy'), await repoFile('kafka')],
      { defaults, targetLocation: 'file:/x' },
    );
    expect(refs(result)).toEqual([
      'component:default/a-kafka-copy',
      'component:default/kafka',
    ]);
    const kafka = result.entities[1].entity;
    expect(
      kafka.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toBe('file:/platform/containers/kafka/container.yaml');
    expect(containerProblemsOf(result.entities[0].entity)).toContainEqual(
      expect.objectContaining({
        rule: 'duplicate-slug',
        file: '/platform/containers/a-kafka-copy/container.yaml',
        message: expect.stringContaining(
          'slug "kafka" is already used by /platform/containers/kafka/container.yaml',
        ),
      }),
    );
  });

  it('emits nothing for a slug another target holds under the same name', async () => {
    const result = ingestContainerFiles([await repoFile('kafka')], {
      defaults,
      targetLocation: 'file:/x',
      slugClaimedElsewhere: slug =>
        slug === 'kafka' ? '/other/kafka/container.yaml' : undefined,
    });
    expect(refs(result)).toEqual([]);
    expect(result.reports[0].problems).toContainEqual(
      expect.objectContaining({
        rule: 'duplicate-slug',
        message: expect.stringContaining('/other/kafka'),
      }),
    );
  });

  it('reuses the parse of an unchanged file and parses a changed one again', () => {
    const cache: ParseCache = new Map();
    const options = { defaults, targetLocation: 'file:/x', parseCache: cache };
    const first = ingestContainerFiles(
      [file('redis', minimalContainerYaml('redis'))],
      options,
    );
    const again = ingestContainerFiles(
      [file('redis', minimalContainerYaml('redis'))],
      options,
    );
    expect(again.reports[0].container).toBe(first.reports[0].container);

    const changed = ingestContainerFiles(
      [file('redis', minimalContainerYaml('redis').replace('1.0.0', '1.0.1'))],
      options,
    );
    expect(changed.reports[0].container).not.toBe(first.reports[0].container);
    expect(
      changed.entities[0].entity.metadata.annotations?.[
        'dockyard.io/current-version'
      ],
    ).toBe('1.0.1');

    ingestContainerFiles([], options);
    expect(cache.size).toBe(0);
  });

  it('keeps the relations targets of a broken file from its last good version', async () => {
    const trino = await repoFile('trino');
    const good = ingestContainerFiles([trino], {
      defaults,
      targetLocation: 'file:/x',
    });
    const lastGood = new Map([
      [trino.source.location, good.reports[0].container!],
    ]);
    const broken = ingestContainerFiles([{ ...trino, content: 'slug: [' }], {
      defaults,
      targetLocation: 'file:/x',
      lastGood,
    });
    expect(refs(broken)).toEqual([
      'component:default/trino',
      'api:default/hive-metastore-thrift',
      'api:default/iceberg-rest-catalog',
      'api:default/nessie-api',
    ]);
  });
});
