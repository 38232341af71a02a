import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import containersPlugin, {
  DRIFT_TASK_ID,
} from '@dockyard/plugin-containers-backend';
import techInsightsModuleContainers from '@dockyard/plugin-tech-insights-backend-module-containers';
import request from 'supertest';

jest.setTimeout(60_000);

/*
 * Dockyard's drift in the rest of the Backstage ecosystem, installed as packages/backend
 * installs it: Tech Insights facts from the containers backend's REST API, and the containers
 * actions as MCP tools through the real actions registry and actions service.
 */

/** A container checked by hand: its check needs no upstream. */
function container(name: string, current: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'dockyard.io/container-yaml': `file:/srv/platform/containers/${name}/container.yaml`,
        'dockyard.io/slug': name,
        'dockyard.io/current-version': current,
      },
    },
    spec: {
      type: 'container',
      lifecycle: 'production',
      owner: 'group:default/data-platform-team',
      container: { slug: name, version: { strategy: 'manual', current } },
    },
  };
}

const ENTITIES = [container('alpha', '1.0'), container('beta', '2.0')];

describe('Dockyard in the Backstage ecosystem', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  // The mock scheduler runs a task when triggered; its type only shows SchedulerService, though
  // the instance also makes its own factory.
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & {
    factory(options: {
      skipTaskRunOnStartup?: boolean;
    }): ReturnType<typeof mockServices.scheduler.factory>;
  };

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        containersPlugin,
        techInsightsPlugin,
        techInsightsModuleContainers,
        mcpActionsPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        catalogServiceMock.factory({ entities: ENTITIES }),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            backend: { actions: { pluginSources: ['containers'] } },
            techInsights: {
              factRetrievers: {
                dockyardContainerDriftFactRetriever: { cadence: '15 * * * *' },
              },
            },
          },
        }),
      ],
    });
    await scheduler.triggerTask(DRIFT_TASK_ID);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('stores the drift facts of every container in Tech Insights', async () => {
    await scheduler.triggerTask('dockyardContainerDriftFactRetriever');
    const res = await request(backend.server)
      .get('/api/tech-insights/facts/latest')
      .query({
        entity: 'component:default/alpha',
        'ids[]': 'dockyardContainerDriftFactRetriever',
      })
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.dockyardContainerDriftFactRetriever).toMatchObject({
      entity: { kind: 'component', namespace: 'default', name: 'alpha' },
      // A container without a feed: checked, its drift unknown.
      facts: {
        status: 'unknown',
        majorsBehind: null,
        daysToEol: null,
        baseImageNeedsRebuild: null,
      },
    });
    const schemas = await request(backend.server)
      .get('/api/tech-insights/fact-schemas')
      .set('authorization', mockCredentials.user.header());
    expect(schemas.body).toEqual([
      expect.objectContaining({
        id: 'dockyardContainerDriftFactRetriever',
        version: '0.1.0',
        entityFilter: { kind: 'Component', 'spec.type': 'container' },
        minorsBehind: expect.objectContaining({ type: 'integer' }),
        daysToEol: expect.objectContaining({ type: 'integer' }),
      }),
    ]);
  });

  /** One JSON-RPC call to the MCP server, as an MCP client makes it. */
  async function mcp(method: string, params: object = {}) {
    const res = await request(backend.server)
      .post('/api/mcp-actions/v1')
      .set('authorization', mockCredentials.user.header())
      .set('accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: 1, method, params });
    expect(res.status).toBe(200);
    // A streamed answer: one server-sent event holding the JSON-RPC response.
    const data = res.text
      .split('\n')
      .find(line => line.startsWith('data: '))!
      .slice('data: '.length);
    return JSON.parse(data);
  }

  it('offers the containers actions as MCP tools', async () => {
    const { result } = await mcp('tools/list');
    expect(result.tools.map((tool: any) => tool.name).sort()).toEqual([
      'containers.bump-container',
      'containers.get-container-drift',
      'containers.list-containers',
    ]);
    const list = result.tools.find(
      (tool: any) => tool.name === 'containers.list-containers',
    );
    expect(list.annotations).toMatchObject({ readOnlyHint: true });
    expect(list.inputSchema.properties).toHaveProperty('limit');
  });

  it('lists the containers through MCP, with their drift', async () => {
    const { result } = await mcp('tools/call', {
      name: 'containers.list-containers',
      arguments: { limit: 1 },
    });
    expect(result.isError).toBeFalsy();
    const output = JSON.parse(result.content[0].text);
    expect(output).toEqual({
      items: [
        expect.objectContaining({
          entityRef: 'component:default/alpha',
          current: '1.0',
          status: 'unknown',
          checkedAt: expect.any(String),
        }),
      ],
      totalItems: 2,
      nextOffset: 1,
    });
  });

  it('answers a call with bad input as a tool error naming the field', async () => {
    const { result } = await mcp('tools/call', {
      name: 'containers.list-containers',
      arguments: { limit: 1000 },
    });
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toContain('limit');
  });
});
