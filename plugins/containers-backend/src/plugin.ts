import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { containersPermissions } from '@dockyard/plugin-containers-common';
import { DriftEngine, readDriftConfig } from '@dockyard/plugin-containers-node';
import { ContainerFileReader } from './service/ContainerFileReader';
import { DriftChecker } from './service/DriftChecker';
import { DriftStore } from './service/DriftStore';
import { readFilesConfig } from './service/filesConfig';
import {
  readRefreshRateLimit,
  RefreshRateLimiter,
} from './service/RefreshRateLimiter';
import { createRouter } from './service/router';

/**
 * The id of the scheduled drift check.
 *
 * @public
 */
export const DRIFT_TASK_ID = 'containers-drift-check';

/**
 * The `containers` backend plugin: checks every container entity's upstream on a schedule,
 * stores the drift records and serves them, and serves the files that container.yaml files read
 * from a local folder point at.
 *
 * @public
 */
export const containersPlugin = createBackendPlugin({
  pluginId: 'containers',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const driftConfig = readDriftConfig(deps.config);
        const filesConfig = readFilesConfig(deps.config);
        const refreshRateLimit = readRefreshRateLimit(deps.config);
        const store = await DriftStore.create(deps.database);
        const engine = new DriftEngine({
          config: driftConfig,
          cache: store,
          logger: deps.logger,
        });
        const checker = new DriftChecker({
          engine,
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
        });

        deps.permissionsRegistry.addPermissions(containersPermissions);

        // The scheduler runs a global task on one replica at a time.
        await deps.scheduler.scheduleTask({
          id: DRIFT_TASK_ID,
          ...driftConfig.schedule,
          scope: 'global',
          fn: async () => {
            await checker.checkAll();
          },
        });

        deps.httpRouter.use(
          await createRouter({
            store,
            checker,
            files: new ContainerFileReader(filesConfig),
            catalog: deps.catalog,
            scheduler: deps.scheduler,
            taskId: DRIFT_TASK_ID,
            limiter: new RefreshRateLimiter(deps.cache, refreshRateLimit),
            auth: deps.auth,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger: deps.logger,
            eolWarningDays: driftConfig.eolWarningDays,
          }),
        );
      },
    });
  },
});
