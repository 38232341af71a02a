import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  DEFAULT_LIFECYCLE,
  DEFAULT_SYSTEM,
  readContainersTargets,
} from './config';
import { ContainersEntityProvider } from './ContainersEntityProvider';
import { ContainerYamlProcessor } from './ContainerYamlProcessor';
import { CONTAINERS_REFRESH_TOPIC } from '@dockyard/plugin-containers-common';
import { refreshTargets, targetOf } from './refresh';
import { createContainersRefreshRouter } from './router';
import { SlugClaims } from './SlugClaims';

/**
 * Catalog module for Dockyard containers: an entity provider per target of
 * `catalog.providers.containers`, the container.yaml processor, and refresh on demand (events
 * topic `dockyard.containers.refresh` and `POST /api/catalog/containers/refresh`).
 */
export const catalogModuleContainers = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'containers',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        events: eventsServiceRef,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
      },
      async init(deps) {
        const { catalog, config, logger, events } = deps;
        const integrations = ScmIntegrations.fromConfig(config);
        const targets = readContainersTargets(config);
        const slugClaims = new SlugClaims(targets.map(t => t.id));
        const providers = targets.map(
          target =>
            new ContainersEntityProvider(target, {
              logger: logger.child({ target: target.id }),
              scheduler: deps.scheduler,
              urlReader: deps.urlReader,
              integrations,
              slugClaims,
            }),
        );
        catalog.addEntityProvider(providers);
        catalog.addProcessor(
          new ContainerYamlProcessor({
            reader: deps.urlReader,
            integrations,
            // A registered file gets the defaults of the first target, like its containers.
            defaults: targets[0]?.defaults ?? {
              system: DEFAULT_SYSTEM,
              lifecycle: DEFAULT_LIFECYCLE,
            },
          }),
        );

        await events.subscribe({
          id: 'catalog-containers-refresh',
          topics: [CONTAINERS_REFRESH_TOPIC],
          onEvent: async event => {
            await refreshTargets(providers, targetOf(event.eventPayload));
          },
        });
        deps.httpRouter.use(
          createContainersRefreshRouter({
            providers,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
          }),
        );
        logger.info(
          `Containers targets: ${
            targets
              .map(
                t =>
                  `${t.id} (${
                    t.source.type === 'path' ? t.source.path : t.source.url
                  })`,
              )
              .join(', ') || 'none configured'
          }`,
        );
      },
    });
  },
});
