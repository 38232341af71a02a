import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { ContainersEntityProvider } from './ContainersEntityProvider';
import { ContainerYamlProcessor } from './ContainerYamlProcessor';
import { createContainersRefreshRouter } from './router';

/**
 * Catalog module for Dockyard containers: an entity provider per target of
 * `catalog.providers.containers` (each also refreshed by the events topic
 * `dockyard.containers.refresh`), the container.yaml processor, and
 * `POST /api/catalog/containers/refresh`.
 *
 * @public
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
      async init({
        catalog,
        config,
        logger,
        scheduler,
        urlReader,
        events,
        httpRouter,
        httpAuth,
        auditor,
      }) {
        const providers = ContainersEntityProvider.fromConfig(config, {
          logger,
          scheduler,
          urlReader,
          events,
        });
        catalog.addEntityProvider(providers);
        catalog.addProcessor(
          ContainerYamlProcessor.fromConfig(config, { reader: urlReader }),
        );
        httpRouter.use(
          createContainersRefreshRouter({ providers, httpAuth, auditor }),
        );
      },
    });
  },
});
