import { createApp } from '@backstage/frontend-defaults';
import appModuleUserSettings from '@backstage/plugin-app-module-user-settings';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import catalogImportPlugin from '@backstage/plugin-catalog-import/alpha';
import catalogUnprocessedEntitiesPlugin from '@backstage/plugin-catalog-unprocessed-entities/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import containersPlugin from '@dockyard/plugin-containers/alpha';
import { navModule } from './modules/nav';

/*
 * The features are listed explicitly, so the app is the same in tests as in the browser;
 * `app.packages: all` in app-config.yaml also picks up any other frontend package that
 * packages/app depends on.
 */
export default createApp({
  features: [
    catalogPlugin,
    catalogGraphPlugin,
    catalogImportPlugin,
    catalogUnprocessedEntitiesPlugin,
    orgPlugin,
    scaffolderPlugin,
    searchPlugin,
    userSettingsPlugin,
    // Stores user settings (starred entities…) in the backend; it needs the signals API.
    appModuleUserSettings,
    signalsPlugin,
    // The notifications page and API: what the containers backend tells a container's owner.
    notificationsPlugin,
    containersPlugin,
    navModule,
  ],
});
