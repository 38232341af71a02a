import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader, JsonObject } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { CONTAINERS_REFRESH_TOPIC } from '@dockyard/plugin-containers-common';
import {
  ContainersFolder,
  minimalContainerYaml,
} from './__testUtils__/containersFolder';
import { ContainersEntityProvider } from './ContainersEntityProvider';

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
