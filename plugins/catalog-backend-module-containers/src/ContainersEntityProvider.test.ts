import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader, JsonObject } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { CONTAINERS_REFRESH_TOPIC } from '@dockyard/plugin-containers-common';
import {
  ContainersFolder,
  minimalContainerYaml,
} from './__testUtils__/containersFolder';
import { ContainersEntityProvider } from './ContainersEntityProvider';
import { GITHUB_PUSH_TOPIC } from './githubPush';

const schedule = { frequency: { minutes: 30 }, timeout: { minutes: 1 } };

function configOf(containers: JsonObject) {
  return new ConfigReader({ catalog: { providers: { containers } } });
}

/** A connection that records which entity names each mutation carried. */
function recordingConnection() {
  const mutations: string[][] = [];
  const connection: EntityProviderConnection = {
    async applyMutation(mutation) {
      if (mutation.type === 'full') {
        mutations.push(mutation.entities.map(e => e.entity.metadata.name));
      }
    },
    async refresh() {},
  };
  return { connection, mutations };
}

describe('ContainersEntityProvider', () => {
  const folders: ContainersFolder[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await folder.dispose();
  });
  async function folderWith(...slugs: string[]) {
    const folder = await ContainersFolder.create();
    folders.push(folder);
    for (const slug of slugs) {
      await folder.write(slug, 'container.yaml', minimalContainerYaml(slug));
    }
    return folder.dir;
  }

  async function fromConfig(containers: JsonObject) {
    const logger = mockServices.logger.mock();
    const events = mockServices.events();
    const providers = ContainersEntityProvider.fromConfig(
      configOf(containers),
      {
        logger,
        scheduler: mockServices.scheduler.mock(),
        urlReader: mockServices.urlReader.mock(),
        events,
      },
    );
    const connections = [];
    for (const provider of providers) {
      const recording = recordingConnection();
      await provider.connect(recording.connection);
      connections.push(recording);
    }
    return { providers, connections, events, logger };
  }

  it('makes one provider per configured target, in config order, and names them in the log', async () => {
    const dir = await folderWith();
    const { providers, logger } = await fromConfig({
      first: { path: dir, schedule },
      second: { path: dir, schedule },
    });
    expect(providers.map(p => p.getProviderName())).toEqual([
      'ContainersEntityProvider:first',
      'ContainersEntityProvider:second',
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      `Containers targets: first (${dir}), second (${dir})`,
    );
  });

  it('makes no provider when no target is configured', async () => {
    const { providers, logger } = await fromConfig({});
    expect(providers).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      'Containers targets: none configured',
    );
  });

  it('gives a slug found in two targets to the target listed first, through the claims its providers share', async () => {
    const { providers } = await fromConfig({
      first: { path: await folderWith('valkey'), schedule },
      second: { path: await folderWith('valkey', 'minio'), schedule },
    });
    await providers[0].refresh();
    const outcome = await providers[1].read();
    if (!outcome.changed) throw new Error('a local target is always read');
    const valkey = outcome.result.reports.find(
      r => r.file.folderName === 'valkey',
    );
    expect(valkey?.container).toBeUndefined();
    expect(valkey?.problems.map(p => p.rule)).toEqual(['duplicate-slug']);
  });

  it('reads every target on the refresh topic without a target, and only the named one with it', async () => {
    const { connections, events } = await fromConfig({
      first: { path: await folderWith('valkey'), schedule },
      second: { path: await folderWith('minio'), schedule },
    });

    await events.publish({ topic: CONTAINERS_REFRESH_TOPIC, eventPayload: {} });
    expect(connections.map(c => c.mutations)).toEqual([
      [['valkey']],
      [['minio']],
    ]);

    await events.publish({
      topic: CONTAINERS_REFRESH_TOPIC,
      eventPayload: { target: 'second' },
    });
    expect(connections.map(c => c.mutations.length)).toEqual([1, 2]);
  });

  it('answers an unknown target id once, from the first target, and reads nothing', async () => {
    const { providers, connections } = await fromConfig({
      first: { path: await folderWith('valkey'), schedule },
      second: { path: await folderWith('minio'), schedule },
    });
    const event = {
      topic: CONTAINERS_REFRESH_TOPIC,
      eventPayload: { target: 'nope' },
    };
    const first = providers[0].onEvent(event);
    await expect(first).rejects.toThrow(NotFoundError);
    await expect(first).rejects.toThrow(
      "No containers target 'nope'; configured: first, second",
    );
    await expect(providers[1].onEvent(event)).resolves.toBeUndefined();
    expect(connections.map(c => c.mutations.length)).toEqual([0, 0]);
  });
});

describe('ContainersEntityProvider on GitHub pushes', () => {
  const PLATFORM_URL =
    'https://github.com/example/data-platform/tree/main/containers';
  /** Short, so the tests wait little; the default is 2 seconds. */
  const WINDOW_MS = 100;

  /**
   * A URL target whose reader serves one container at a new commit on every read, connected to
   * the real in-process events service; `reads` counts the target's reads (each a mutation).
   */
  async function urlProvider(url = PLATFORM_URL) {
    const events = mockServices.events();
    const urlReader = mockServices.urlReader.mock();
    let reads = 0;
    urlReader.readTree.mockImplementation(async () => {
      reads += 1;
      return {
        etag: `commit-${reads}`,
        files: async () => [
          {
            path: 'valkey/container.yaml',
            content: async () => Buffer.from(minimalContainerYaml('valkey')),
          },
        ],
        archive: async () => {
          throw new Error('not used');
        },
        dir: async () => {
          throw new Error('not used');
        },
      };
    });
    const logger = mockServices.logger.mock();
    const provider = new ContainersEntityProvider(
      {
        id: 'platform',
        source: { type: 'url', url },
        schedule,
        defaults: { system: 'data-platform', lifecycle: 'production' },
      },
      {
        logger,
        scheduler: mockServices.scheduler.mock(),
        urlReader,
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
        events,
        pushBatchWindowMs: WINDOW_MS,
      },
    );
    const recording = recordingConnection();
    await provider.connect(recording.connection);
    return {
      events,
      logger,
      mutations: recording.mutations,
      reads: () => reads,
    };
  }

  /** A push webhook as the GitHub events module publishes it. */
  function pushEvent(
    ref = 'refs/heads/main',
    fullName = 'example/data-platform',
  ) {
    return {
      topic: GITHUB_PUSH_TOPIC,
      eventPayload: {
        ref,
        after: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
        repository: {
          full_name: fullName,
          html_url: `https://github.com/${fullName}`,
          default_branch: 'main',
        },
      },
      metadata: { 'x-github-event': 'push' },
    };
  }

  /** Long enough for a read the window would have started, plus its mutation. */
  const settle = () => new Promise(r => setTimeout(r, WINDOW_MS * 4));

  it('reads the target once for one push to the branch it reads', async () => {
    const { events, mutations, reads, logger } = await urlProvider();
    await events.publish(pushEvent());
    // The webhook is answered before the read: nothing has been read yet.
    expect(reads()).toBe(0);
    await settle();
    expect(reads()).toBe(1);
    expect(mutations).toEqual([['valkey']]);
    expect(logger.info).toHaveBeenCalledWith(
      "Push to example/data-platform branch main (a1b2c3d4e5f6): reading target 'platform'",
    );
  });

  it('reads once for a burst of pushes within the window', async () => {
    const { events, mutations, reads } = await urlProvider();
    for (let i = 0; i < 5; i++) {
      await events.publish(pushEvent());
    }
    await settle();
    expect(reads()).toBe(1);
    expect(mutations).toHaveLength(1);
  });

  it('reads again for a push after the previous read', async () => {
    const { events, reads } = await urlProvider();
    await events.publish(pushEvent());
    await settle();
    await events.publish(pushEvent());
    await settle();
    expect(reads()).toBe(2);
  });

  it('ignores pushes to other branches, tags and repositories', async () => {
    const { events, mutations, reads, logger } = await urlProvider();
    await events.publish(pushEvent('refs/heads/feature'));
    await events.publish(pushEvent('refs/tags/v1.0.0'));
    await events.publish(pushEvent('refs/heads/main', 'example/other'));
    await settle();
    expect(reads()).toBe(0);
    expect(mutations).toEqual([]);
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('leaves a local folder target to its schedule on pushes', async () => {
    const folder = await ContainersFolder.create();
    try {
      await folder.write(
        'valkey',
        'container.yaml',
        minimalContainerYaml('valkey'),
      );
      const events = mockServices.events();
      const [provider] = ContainersEntityProvider.fromConfig(
        configOf({ local: { path: folder.dir, schedule } }),
        {
          logger: mockServices.logger.mock(),
          scheduler: mockServices.scheduler.mock(),
          urlReader: mockServices.urlReader.mock(),
          events,
        },
      );
      const { connection, mutations } = recordingConnection();
      await provider.connect(connection);
      await events.publish(pushEvent());
      await settle();
      expect(mutations).toEqual([]);
    } finally {
      await folder.dispose();
    }
  });
});
