import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createContainersAddToReadmeAction } from './actions/addToReadme';
import { createContainersBumpAction } from './actions/bump';
import { createContainersCreateAction } from './actions/create';
import { createContainersPublishLocalAction } from './actions/publishLocal';
import { createContainersPullRequestTargetAction } from './actions/pullRequestTarget';
import { readContainersScaffolderConfig } from './config';
import { platformRepository } from './platform';

/**
 * Scaffolder actions that create and bump platform containers: `containers:create`,
 * `containers:add-to-readme`, `containers:bump`, `containers:publish-local` and
 * `containers:pull-request-target`.
 *
 * @public
 */
export const scaffolderModuleContainers = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'containers',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
        events: eventsServiceRef,
      },
      async init({ scaffolder, config, urlReader, events }) {
        const settings = readContainersScaffolderConfig(config);
        const platform = () => platformRepository(settings.platform, urlReader);
        const { guests } = settings;
        scaffolder.addActions(
          createContainersCreateAction({ platform, guests }),
          createContainersAddToReadmeAction({ platform }),
          createContainersBumpAction({ platform, config, guests }),
          createContainersPublishLocalAction({
            config: settings.localPublish,
            events,
            guests,
          }),
          createContainersPullRequestTargetAction({
            target: settings.pullRequestTarget,
            guests,
          }),
        );
      },
    });
  },
});
