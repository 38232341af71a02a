import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { readCollatorSchedule } from './config';
import { ContainerCollatorFactory } from './ContainerCollatorFactory';

/**
 * Search module for Dockyard containers: indexes every container entity with its container
 * fields and drift status as documents of type `dockyard-container`, on the schedule of
 * `search.collators.dockyardContainers.schedule` (default every 10 minutes).
 *
 * @public
 */
export const searchModuleContainersCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'dockyard-containers-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, scheduler, indexRegistry, ...deps }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            readCollatorSchedule(config),
          ),
          factory: new ContainerCollatorFactory(deps),
        });
      },
    });
  },
});
