import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  containersPermissions,
  DRIFT_CHECKED_SIGNAL_CHANNEL,
  DriftCheckedSignal,
} from '@dockyard/plugin-containers-common';
import { DriftEngine, readDriftConfig } from '@dockyard/plugin-containers-node';
import { registerContainerActions } from './actions';
import { ContainerFileReader } from './service/ContainerFileReader';
import { CheckedContainer, DriftChecker } from './service/DriftChecker';
import { DriftNotifier } from './service/DriftNotifier';
import { DriftHistoryStore } from './service/DriftHistoryStore';
import { DriftStore } from './service/DriftStore';
import { readFilesConfig } from './service/filesConfig';
import { readDriftHistoryConfig } from './service/historyConfig';
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
 * The id of the task that checks containers never checked (new in the catalog, or all of them
 * on a fresh database) within seconds.
 *
 * @public
 */
export const DRIFT_FIRST_CHECK_TASK_ID = 'containers-drift-first-check';

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
        // Both have default factories: sending works when their backends are installed.
        notifications: notificationService,
        signals: signalsServiceRef,
        instanceMetadata: coreServices.rootInstanceMetadata,
        discovery: coreServices.discovery,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const driftConfig = readDriftConfig(deps.config);
        const filesConfig = readFilesConfig(deps.config);
        const refreshRateLimit = readRefreshRateLimit(deps.config);
        const store = await DriftStore.create(deps.database);
        const history = await DriftHistoryStore.create({
          database: deps.database,
          config: readDriftHistoryConfig(deps.config),
        });
        const engine = new DriftEngine({
          config: driftConfig,
          cache: store,
          logger: deps.logger,
        });
        // Off unless configured or the notifications backend is installed here (without it,
        // every send would fail).
        const notifier =
          driftConfig.notifications.enabled ??
          (await deps.instanceMetadata.getInstalledPlugins()).some(
            plugin => plugin.pluginId === 'notifications',
          )
            ? new DriftNotifier({
                notifications: deps.notifications,
                catalog: deps.catalog,
                auth: deps.auth,
                logger: deps.logger,
                config: driftConfig.notifications,
              })
            : undefined;
        const checker = new DriftChecker({
          engine,
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          history,
          onChecked: async (checked: CheckedContainer[]) => {
            await notifier?.notify(checked);
            // Open drift cards and overviews load the stored records again.
            await deps.signals.publish<DriftCheckedSignal>({
              recipients: { type: 'broadcast' },
              channel: DRIFT_CHECKED_SIGNAL_CHANNEL,
              message: {
                checkedAt: new Date().toISOString(),
                containers: checked.length,
              },
            });
          },
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
        // First results within seconds rather than at the next scheduled run; global too, so
        // replicas do not all check the same new containers.
        await deps.scheduler.scheduleTask({
          id: DRIFT_FIRST_CHECK_TASK_ID,
          ...driftConfig.firstCheckSchedule,
          scope: 'global',
          fn: async () => {
            await checker.checkUnchecked();
          },
        });

        // For AI assistants (MCP): list containers, read one's drift, start a bump.
        registerContainerActions({
          actionsRegistry: deps.actionsRegistry,
          store,
          history,
          catalog: deps.catalog,
          auth: deps.auth,
          discovery: deps.discovery,
          config: deps.config,
          eolWarningDays: driftConfig.eolWarningDays,
        });

        deps.httpRouter.use(
          await createRouter({
            store,
            history,
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
