import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CONTAINERS_REFRESH_TOPIC } from '@dockyard/plugin-containers-common';
import { createTestDatabases } from '@dockyard/test-utils';
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  ContainersFolder,
  LEGACY_CONTAINERS,
  minimalContainerYaml,
  REPO_CONTAINERS,
  repoSlugs,
} from './__testUtils__/containersFolder';
import { FakeGithub } from './__testUtils__/fakeGithub';
import {
  processingErrors,
  startTestCatalog,
  TestCatalog,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const TEAM = 'group:default/data-platform-team';
const containerFilter = 'kind=component,spec.type=container';

function localTarget(path: string, extra: Record<string, unknown> = {}) {
  return {
    path,
    defaults: { owner: TEAM },
    // Runs are triggered by the tests; the schedule only has to be valid.
    schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
    ...extra,
  };
}

/** The target ids as the scaffolder would refresh them: an event on the shared bus. */
async function refresh(catalog: TestCatalog, target?: string) {
  await catalog.events.publish({
    topic: CONTAINERS_REFRESH_TOPIC,
    eventPayload: target ? { target } : {},
  });
}

function relationTargets(entity: Entity | undefined, type: string): string[] {
  return (entity?.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();
}

// SQLite, and PostgreSQL when one is configured (see createTestDatabases).
const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'catalog module: containers on %s',
  databaseId => {
    const cleanups: Array<() => Promise<unknown>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function start(options: Parameters<typeof startTestCatalog>[0]) {
      const catalog = await startTestCatalog({
        ...options,
        database: await databases.init(databaseId),
      });
      cleanups.push(() => catalog.stop());
      return catalog;
    }
    async function scratch(options?: { copyRepo?: boolean }) {
      const folder = await ContainersFolder.create(options);
      cleanups.push(() => folder.dispose());
      return folder;
    }

    it("ingests this repository's containers with owner, links, annotations and relations", async () => {
      const catalog = await start({
        containers: { local: localTarget(REPO_CONTAINERS) },
      });
      const slugs = await repoSlugs();
      expect(slugs).toEqual(
        expect.arrayContaining(['spark', 'trino', 'polaris', 'hive-metastore']),
      );

      const entities = await catalog.waitFor(async () => {
        const found = await catalog.entities(containerFilter);
        return (
          found.length === slugs.length &&
          found.every(e => e.relations?.length) &&
          found
        );
      }, `${slugs.length} container entities`);
      expect(entities.map(e => e.metadata.name).sort()).toEqual(slugs);

      for (const entity of entities) {
        const slug = entity.metadata.name;
        const file = join(REPO_CONTAINERS, slug, 'container.yaml');
        const text = await fs.readFile(file, 'utf8');
        const current = text.match(/^\s+current:\s*"?([^"\n]+)"?/m)![1];
        expect(entity.spec).toMatchObject({
          type: 'container',
          owner: TEAM,
          system: 'data-platform',
        });
        expect(entity.metadata.annotations).toMatchObject({
          'backstage.io/managed-by-location': `file:${file}`,
          'backstage.io/managed-by-origin-location': `file:${file}`,
          'dockyard.io/container-yaml': `file:${file}`,
          'dockyard.io/slug': slug,
          'dockyard.io/current-version': current,
          'dockyard.io/image': `ghcr.io/example/data-platform/${slug}`,
        });
        expect((entity.spec as any).container.slug).toBe(slug);
        expect((entity.spec as any).container.version.current).toBe(current);
        expect(entity.metadata.links?.map(l => l.title)).toEqual(
          expect.arrayContaining(['Homepage', 'Source']),
        );
        expect(processingErrors(entity)).toEqual([]);
        expect(relationTargets(entity, 'ownedBy')).toEqual([TEAM]);
        expect(relationTargets(entity, 'partOf')).toEqual([
          'system:default/data-platform',
        ]);
      }

      const byName = new Map(entities.map(e => [e.metadata.name, e]));
      const trino = byName.get('trino')!;
      expect(trino.metadata.title).toBe('Trino');
      expect(trino.metadata.annotations).toMatchObject({
        'dockyard.io/upstream-strategy': 'github-release',
        'dockyard.io/upstream-source': 'github:trinodb/trino',
      });
      // Tokens stay unresolved in spec.container: the frontend and drift read the file as written.
      expect((trino.spec as any).container.publish.tags).toEqual([
        '!version.current',
      ]);
      expect(relationTargets(trino, 'consumesApi')).toEqual([
        'api:default/hive-metastore-thrift',
        'api:default/iceberg-rest-catalog',
        'api:default/nessie-api',
      ]);
      expect(relationTargets(byName.get('polaris'), 'providesApi')).toEqual([
        'api:default/iceberg-rest-catalog',
      ]);
      expect(
        relationTargets(byName.get('hive-metastore'), 'providesApi'),
      ).toEqual(['api:default/hive-metastore-thrift']);
      expect(relationTargets(byName.get('spark'), 'dependsOn')).toEqual([
        'resource:default/aws-glue-data-catalog',
      ]);

      await expectInterfaceEntitiesOwnedBy(catalog, TEAM);

      // The scaffolder's template is not a container; nothing failed.
      expect(byName.has('_template')).toBe(false);
      expect(await catalog.pendingWithErrors()).toEqual([]);
    });

    it('ingests the good files next to broken ones, and lists the broken ones with their errors', async () => {
      const folder = await scratch();
      await folder.copyFromRepo('trino');
      await folder.copyFromRepo('spark');
      await folder.write(
        'broken',
        'container.yaml',
        minimalContainerYaml('broken').replace(
          'current: "1.0.0"',
          'current: [unclosed',
        ),
      );
      await folder.write(
        'invalid',
        'container.yaml',
        minimalContainerYaml('invalid').replace('  current: "1.0.0"\n', ''),
      );
      const catalog = await start({
        containers: { local: localTarget(folder.dir) },
      });

      await catalog.waitFor(async () => {
        const names = (await catalog.entities(containerFilter)).map(
          e => e.metadata.name,
        );
        return names.includes('trino') && names.includes('spark');
      }, 'trino and spark');
      const failed = await catalog.waitFor(async () => {
        const rows = await catalog.pendingWithErrors();
        return rows.length === 2 && rows;
      }, 'two entities with errors');
      const messages = Object.fromEntries(
        failed.map(row => [
          row.entity_ref,
          (row.errors ?? []).map(e => e.message).join('\n'),
        ]),
      );
      expect(Object.keys(messages).sort()).toEqual([
        'component:default/broken',
        'component:default/invalid',
      ]);
      // FILE:LINE:COLUMN FIELD MESSAGE, pointing at the line to fix.
      expect(messages['component:default/broken']).toContain(
        `${folder.path('broken')}:`,
      );
      expect(messages['component:default/invalid']).toMatch(
        new RegExp(
          `${escape(folder.path('invalid'))}:\\d+:\\d+ version.current `,
        ),
      );
      expect(await catalog.entity('component:default/broken')).toBeUndefined();
    });

    it('keeps the last good entity of a file that turns bad, shows the error, and clears it when fixed', async () => {
      const folder = await scratch();
      await folder.copyFromRepo('trino');
      await folder.copyFromRepo('kafka');
      const good = await folder.read('trino');
      const catalog = await start({
        containers: { local: localTarget(folder.dir) },
      });
      await catalog.waitFor(
        () => catalog.entity('component:default/trino'),
        'trino',
      );

      await folder.write(
        'trino',
        'container.yaml',
        good.replace(/^ {2}current: "476"$/m, '  current: 476: oops'),
      );
      await refresh(catalog, 'local');
      const bad = await catalog.waitFor(async () => {
        const e = await catalog.entity('component:default/trino');
        return processingErrors(e).length > 0 && e;
      }, 'the error on trino');
      expect(processingErrors(bad).join('\n')).toContain(
        `${folder.path('trino')}:`,
      );
      // Still the last good entity, in full.
      expect(bad.metadata.annotations?.['dockyard.io/current-version']).toBe(
        '476',
      );
      expect((bad.spec as any).container.name).toBe('Trino');
      expect(relationTargets(bad, 'consumesApi')).toContain(
        'api:default/iceberg-rest-catalog',
      );
      // The other container is untouched.
      expect(
        processingErrors(await catalog.entity('component:default/kafka')),
      ).toEqual([]);

      await folder.write(
        'trino',
        'container.yaml',
        good.replace(/^ {2}current: "476"$/m, '  current: "477"'),
      );
      await refresh(catalog, 'local');
      const fixed = await catalog.waitFor(async () => {
        const e = await catalog.entity('component:default/trino');
        return (
          e?.metadata.annotations?.['dockyard.io/current-version'] === '477' &&
          e
        );
      }, 'trino at 477');
      expect(processingErrors(fixed)).toEqual([]);
      expect((fixed.spec as any).container.version.current).toBe('477');
    });

    it('removes the entity of a deleted folder, and adds a new folder, on the next refresh', async () => {
      const folder = await scratch();
      await folder.copyFromRepo('minio');
      await folder.copyFromRepo('postgres');
      const catalog = await start({
        containers: { local: localTarget(folder.dir) },
      });
      await catalog.waitFor(
        () => catalog.entity('component:default/postgres'),
        'postgres',
      );

      await folder.remove('postgres');
      await folder.write(
        'redis',
        'container.yaml',
        minimalContainerYaml('redis'),
      );
      await refresh(catalog);
      await catalog.waitFor(
        async () => !(await catalog.entity('component:default/postgres')),
        'postgres to disappear',
      );
      await catalog.waitFor(
        () => catalog.entity('component:default/redis'),
        'redis',
      );
      expect(await catalog.entity('component:default/minio')).toBeDefined();
    });

    it('keeps the first file of a duplicate slug and reports the second, naming both files', async () => {
      const folder = await scratch();
      await folder.copyFromRepo('superset');
      // A copy whose slug was not changed; it sorts before the original.
      await folder.copyFromRepo('superset', 'a-superset-copy');
      const catalog = await start({
        containers: { local: localTarget(folder.dir) },
      });

      const entity = await catalog.waitFor(
        () => catalog.entity('component:default/superset'),
        'superset',
      );
      expect(
        entity.metadata.annotations?.['backstage.io/managed-by-location'],
      ).toBe(`file:${folder.path('superset')}`);
      const failed = await catalog.waitFor(async () => {
        const rows = await catalog.pendingWithErrors();
        return rows.length === 1 && rows[0];
      }, 'the copy to fail');
      expect(failed.entity_ref).toBe('component:default/a-superset-copy');
      const message = (failed.errors ?? []).map(e => e.message).join('\n');
      expect(message).toContain(folder.path('a-superset-copy'));
      expect(message).toContain(
        `slug "superset" is already used by ${folder.path('superset')}`,
      );

      // Refreshing again never lets the copy overwrite the original.
      await refresh(catalog);
      await refresh(catalog);
      expect(
        (await catalog.entity('component:default/superset'))?.metadata
          .annotations?.['backstage.io/managed-by-location'],
      ).toBe(`file:${folder.path('superset')}`);
    });

    it('gives a slug found in two targets to the target listed first', async () => {
      const first = await scratch();
      const second = await scratch();
      await first.copyFromRepo('kafka');
      await second.copyFromRepo('kafka');
      await second.copyFromRepo('minio');
      const catalog = await start({
        containers: {
          first: localTarget(first.dir),
          second: localTarget(second.dir),
        },
      });
      await catalog.waitFor(
        () => catalog.entity('component:default/minio'),
        'minio',
      );
      await refresh(catalog, 'second');
      await refresh(catalog);
      // A refresh returns before the catalog has processed what it read.
      const kafka = await catalog.waitFor(
        () => catalog.entity('component:default/kafka'),
        'kafka',
      );
      expect(
        kafka?.metadata.annotations?.['backstage.io/managed-by-location'],
      ).toBe(`file:${first.path('kafka')}`);
      expect(processingErrors(kafka)).toEqual([]);
    });

    it('reads a repository URL target through the urlReader, and downloads only when it changed', async () => {
      const repo = await scratch();
      const folder = { dir: join(repo.dir, 'containers') };
      await writeTrinoPolarisAndNoReadme(folder.dir);
      const github = await FakeGithub.start({ repoDir: repo.dir });
      cleanups.push(() => github.stop());

      const catalog = await start({
        config: { integrations: { github: [github.integration] } },
        containers: {
          platform: {
            url: github.treeUrl('containers'),
            defaults: { owner: TEAM },
            schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
          },
        },
      });
      const trino = await catalog.waitFor(
        () => catalog.entity('component:default/trino'),
        'trino',
      );
      const fileUrl = `${github.treeUrl('containers')}/trino/container.yaml`;
      expect(trino.metadata.annotations).toMatchObject({
        'backstage.io/managed-by-location': `url:${fileUrl}`,
        'dockyard.io/container-yaml': `url:${fileUrl}`,
        'backstage.io/source-location': `url:${github.treeUrl(
          'containers',
        )}/trino/`,
      });
      expect(trino.metadata.links).toContainEqual(
        expect.objectContaining({
          title: 'README',
          url: `${github.treeUrl('containers')}/trino/README.md`,
        }),
      );
      const noReadme = await catalog.waitFor(
        () => catalog.entity('component:default/no-readme'),
        'no-readme',
      );
      expect(noReadme.metadata.links ?? []).not.toContainEqual(
        expect.objectContaining({ title: 'README' }),
      );
      expect(tarballDownloads(github)).toBe(1);

      // Unchanged: only the commit is asked for, nothing is downloaded.
      await refresh(catalog, 'platform');
      expect(tarballDownloads(github)).toBe(1);

      // Changed: the new version lands, a removed folder goes.
      const trinoFile = join(folder.dir, 'trino', 'container.yaml');
      await fs.writeFile(
        trinoFile,
        (
          await fs.readFile(trinoFile, 'utf8')
        ).replace(/^ {2}current: "476"$/m, '  current: "480"'),
      );
      await fs.rm(join(folder.dir, 'polaris'), { recursive: true });
      await refresh(catalog, 'platform');
      expect(tarballDownloads(github)).toBe(2);
      await catalog.waitFor(async () => {
        const e = await catalog.entity('component:default/trino');
        return (
          e?.metadata.annotations?.['dockyard.io/current-version'] === '480'
        );
      }, 'trino at 480');
      await catalog.waitFor(
        async () => !(await catalog.entity('component:default/polaris')),
        'polaris to disappear',
      );
    });

    it('reads a URL target once, within seconds, for pushes to the branch it reads, and not for other branches', async () => {
      const repo = await scratch();
      const containersDir = join(repo.dir, 'containers');
      await writeTrinoPolarisAndNoReadme(containersDir);
      const github = await FakeGithub.start({ repoDir: repo.dir });
      cleanups.push(() => github.stop());
      const catalog = await start({
        config: { integrations: { github: [github.integration] } },
        containers: {
          platform: {
            url: github.treeUrl('containers'),
            defaults: { owner: TEAM },
            // Far from the test's seconds: every read below is the push's.
            schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
          },
        },
      });
      await catalog.waitFor(
        () => catalog.entity('component:default/trino'),
        'trino',
      );
      const readsAtStart = targetReads(github);
      // What @backstage/plugin-events-backend-module-github publishes for a push webhook.
      const push = (ref: string) =>
        catalog.events.publish({
          topic: 'github.push',
          eventPayload: {
            ref,
            after: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
            repository: {
              full_name: `${github.owner}/${github.repo}`,
              html_url: `http://${github.host}/${github.owner}/${github.repo}`,
              default_branch: 'main',
            },
          },
          metadata: { 'x-github-event': 'push' },
        });
      const afterWindow = () => new Promise(r => setTimeout(r, 3000));

      await push('refs/heads/feature');
      await afterWindow();
      expect(targetReads(github)).toBe(readsAtStart);

      const trinoFile = join(containersDir, 'trino', 'container.yaml');
      await fs.writeFile(
        trinoFile,
        (
          await fs.readFile(trinoFile, 'utf8')
        ).replace(/^ {2}current: "476"$/m, '  current: "480"'),
      );
      // A burst (a merge queue, a bot bumping several containers): one read.
      for (let i = 0; i < 3; i++) await push('refs/heads/main');
      await catalog.waitFor(async () => {
        const e = await catalog.entity('component:default/trino');
        return (
          e?.metadata.annotations?.['dockyard.io/current-version'] === '480'
        );
      }, 'trino at 480');
      await afterWindow();
      expect(targetReads(github)).toBe(readsAtStart + 1);
    });

    it('registers a single container.yaml by URL ("Register existing component") as the same entity', async () => {
      const repo = await scratch();
      await fs.mkdir(join(repo.dir, 'containers', 'nessie'), {
        recursive: true,
      });
      await fs.copyFile(
        join(REPO_CONTAINERS, 'nessie', 'container.yaml'),
        join(repo.dir, 'containers', 'nessie', 'container.yaml'),
      );
      const github = await FakeGithub.start({ repoDir: repo.dir });
      cleanups.push(() => github.stop());
      const catalog = await start({
        config: { integrations: { github: [github.integration] } },
      });
      const target = github.blobUrl('containers/nessie/container.yaml');
      // The catalog files a GitHub URL under its canonical /tree/ form.
      const filed = github.treeUrl('containers/nessie/container.yaml');

      // The import page first analyses the URL with a dry run.
      const dryRun = await catalog.request(
        '/api/catalog/locations?dryRun=true',
        {
          method: 'POST',
          body: JSON.stringify({ type: 'url', target }),
        },
      );
      expect(dryRun.status).toBe(201);
      const analysed = await dryRun.json();
      expect(
        analysed.entities
          .filter((e: Entity) => e.kind !== 'Location')
          .map((e: Entity) => stringifyEntityRef(e)),
      ).toEqual(['component:default/nessie']);

      const created = await catalog.request('/api/catalog/locations', {
        method: 'POST',
        body: JSON.stringify({ type: 'url', target }),
      });
      expect(created.status).toBe(201);
      const nessie = await catalog.waitFor(
        () => catalog.entity('component:default/nessie'),
        'nessie',
      );
      expect(nessie.spec).toMatchObject({
        type: 'container',
        owner: TEAM,
        system: 'data-platform',
      });
      expect(nessie.metadata.annotations).toMatchObject({
        'backstage.io/managed-by-location': `url:${filed}`,
        'dockyard.io/container-yaml': `url:${filed}`,
        'dockyard.io/slug': 'nessie',
        'dockyard.io/upstream-strategy': expect.any(String),
      });
      expect(relationTargets(nessie, 'providesApi')).toEqual([
        'api:default/iceberg-rest-catalog',
        'api:default/nessie-api',
      ]);
      expect(processingErrors(nessie)).toEqual([]);
    });

    it('reads a container.yaml configured as a file location', async () => {
      const folder = await scratch();
      await folder.copyFromRepo('hive-metastore');
      const catalog = await start({
        config: {
          catalog: {
            locations: [
              { type: 'file', target: folder.path('hive-metastore') },
            ],
          },
        },
      });
      const entity = await catalog.waitFor(
        () => catalog.entity('component:default/hive-metastore'),
        'hive-metastore',
      );
      expect(entity.metadata.annotations).toMatchObject({
        'backstage.io/managed-by-location': `file:${folder.path(
          'hive-metastore',
        )}`,
        'dockyard.io/slug': 'hive-metastore',
      });
      expect(relationTargets(entity, 'providesApi')).toEqual([
        'api:default/hive-metastore-thrift',
      ]);
    });

    it('shows the problems of a broken container.yaml registered by URL', async () => {
      const repo = await scratch();
      await repo.write(
        'containers/oops',
        'container.yaml',
        minimalContainerYaml('oops', 'lifecycle: forever\n'),
      );
      const github = await FakeGithub.start({ repoDir: repo.dir });
      cleanups.push(() => github.stop());
      const catalog = await start({
        config: { integrations: { github: [github.integration] } },
      });
      const target = github.blobUrl('containers/oops/container.yaml');

      const dryRun = await catalog.request(
        '/api/catalog/locations?dryRun=true',
        {
          method: 'POST',
          body: JSON.stringify({ type: 'url', target }),
        },
      );
      expect(dryRun.status).toBe(400);
      expect((await dryRun.json()).error.message).toMatch(
        new RegExp(
          `${escape(
            github.treeUrl('containers/oops/container.yaml'),
          )}:\\d+:\\d+ lifecycle `,
        ),
      );

      // Registered anyway, its errors are listed with the entity that could not be processed.
      await catalog.request('/api/catalog/locations', {
        method: 'POST',
        body: JSON.stringify({ type: 'url', target }),
      });
      const row = await catalog.waitFor(async () => {
        const rows = await catalog.pendingWithErrors();
        return rows.find(r => r.entity_ref === 'component:default/oops');
      }, 'the errors of oops');
      expect(row.errors.map(e => e.message).join('\n')).toMatch(/lifecycle/);
    });

    it('picks up a new folder on the configured schedule, without a restart or trigger', async () => {
      const folder = await scratch();
      await folder.copyFromRepo('minio');
      const catalog = await start({
        realScheduler: true,
        containers: {
          local: localTarget(folder.dir, {
            schedule: { frequency: { seconds: 1 }, timeout: { seconds: 30 } },
          }),
        },
      });
      await catalog.waitFor(
        () => catalog.entity('component:default/minio'),
        'minio',
      );
      await folder.write(
        'valkey',
        'container.yaml',
        minimalContainerYaml('valkey'),
      );
      const valkey = await catalog.waitFor(
        () => catalog.entity('component:default/valkey'),
        'valkey',
        15_000,
      );
      expect(valkey.spec).toMatchObject({ type: 'container', owner: TEAM });
    });

    it('refreshes on POST /api/catalog/containers/refresh for signed-in callers only', async () => {
      const folder = await scratch();
      const catalog = await start({
        containers: { local: localTarget(folder.dir) },
      });
      await folder.write(
        'valkey',
        'container.yaml',
        minimalContainerYaml('valkey'),
      );

      const anonymous = await catalog.request(
        '/api/catalog/containers/refresh',
        {
          method: 'POST',
          headers: { authorization: mockCredentials.none.header() },
          body: '{}',
        },
      );
      expect(anonymous.status).toBe(401);

      const unknown = await catalog.request('/api/catalog/containers/refresh', {
        method: 'POST',
        body: JSON.stringify({ target: 'nope' }),
      });
      expect(unknown.status).toBe(404);

      const response = await catalog.request(
        '/api/catalog/containers/refresh',
        {
          method: 'POST',
          body: JSON.stringify({ target: 'local' }),
        },
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        results: [
          expect.objectContaining({
            target: 'local',
            files: 1,
            containers: 1,
            failed: 0,
          }),
        ],
      });
      await catalog.waitFor(
        () => catalog.entity('component:default/valkey'),
        'valkey',
      );
    });

    // The shared reference folder is not on every machine: skip there.
    (existsSync(LEGACY_CONTAINERS) ? describe : describe.skip)(
      'legacy files',
      () => {
        it('ingests every legacy container.yaml of the platform unchanged', async () => {
          const folder = await scratch();
          const slugs: string[] = [];
          for (const name of (await fs.readdir(LEGACY_CONTAINERS)).sort()) {
            if (!name.endsWith('.container.yaml')) continue;
            const text = await fs.readFile(
              join(LEGACY_CONTAINERS, name),
              'utf8',
            );
            const slug = text.match(/^slug:\s*"?([^"\n]+)"?/m)![1];
            await folder.write(slug, 'container.yaml', text);
            slugs.push(slug);
          }
          const catalog = await start({
            containers: { local: localTarget(folder.dir) },
          });
          const entities = await catalog.waitFor(async () => {
            const found = await catalog.entities(containerFilter);
            return found.length === slugs.length && found;
          }, `${slugs.length} legacy containers`);
          expect(entities.map(e => e.metadata.name).sort()).toEqual(
            [...slugs].sort(),
          );
          for (const entity of entities) {
            // No owner in the legacy format: the configured default applies.
            expect(entity.spec).toMatchObject({
              owner: TEAM,
              system: 'data-platform',
              lifecycle: 'production',
            });
          }
          expect(await catalog.pendingWithErrors()).toEqual([]);
        });
      },
    );
  },
);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The API and Resource entities of this repository's containers exist, with the reverse relations. */
async function expectInterfaceEntitiesOwnedBy(
  catalog: TestCatalog,
  owner: string,
) {
  const api = await catalog.waitFor(async () => {
    const e = await catalog.entity('api:default/iceberg-rest-catalog');
    return relationTargets(e, 'apiProvidedBy').length > 0 && e;
  }, 'the Iceberg REST API entity');
  expect(api.spec).toMatchObject({
    type: 'iceberg-rest',
    owner,
    lifecycle: 'production',
  });
  expect(relationTargets(api, 'apiProvidedBy')).toEqual(
    expect.arrayContaining([
      'component:default/polaris',
      'component:default/nessie',
    ]),
  );
  expect(relationTargets(api, 'apiConsumedBy')).toEqual(
    expect.arrayContaining([
      'component:default/trino',
      'component:default/spark',
    ]),
  );
  const glue = await catalog.entity('resource:default/aws-glue-data-catalog');
  expect(glue?.spec).toMatchObject({ type: 'cloud-service', owner });
}

/** A repository's containers/: trino and polaris with their READMEs, and one folder without. */
async function writeTrinoPolarisAndNoReadme(containersDir: string) {
  for (const slug of ['trino', 'polaris']) {
    for (const file of ['container.yaml', 'README.md']) {
      await fs.mkdir(join(containersDir, slug), { recursive: true });
      await fs.copyFile(
        join(REPO_CONTAINERS, slug, file),
        join(containersDir, slug, file),
      );
    }
  }
  await fs.mkdir(join(containersDir, 'no-readme'), { recursive: true });
  await fs.writeFile(
    join(containersDir, 'no-readme', 'container.yaml'),
    minimalContainerYaml('no-readme'),
  );
}

/** How many archives the fake GitHub served: one per read of a changed tree. */
/** Reads of the target: each asks for the commit of its branch first. */
function targetReads(github: FakeGithub): number {
  return github.requests.filter(r => r.endsWith('/commits/main/status')).length;
}

function tarballDownloads(github: FakeGithub): number {
  return github.requests.filter(r => r.includes('/tarball/')).length;
}
