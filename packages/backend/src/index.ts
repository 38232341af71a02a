/*
 * The Dockyard backend: Backstage's new backend system with the catalog, the scaffolder, guest
 * sign-in for the embedded default, permissions, search on the default in-memory engine, and
 * the Dockyard plugins.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
// The event bus lets catalog replicas (and modules) exchange events.
backend.add(import('@backstage/plugin-events-backend'));
// GitHub webhooks at /api/events/http/github (signed with events.modules.github.webhookSecret),
// published as github.<event>: a push to the platform repository refreshes its containers at once.
backend.add(import('@backstage/plugin-events-backend-module-github'));

// Sign-in: guest for the embedded default (app-config.yaml), GitHub in production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// Catalog, with processing errors in the log and the unprocessed-entities API.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
// Every containers/<slug>/container.yaml as a catalog entity (catalog.providers.containers).
backend.add(import('@dockyard/plugin-catalog-backend-module-containers'));

// Scaffolder; the GitHub module opens pull requests in production.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// Dockyard's actions: containers:create, containers:add-to-readme, containers:publish-local.
backend.add(import('@dockyard/plugin-scaffolder-backend-module-containers'));

// Permissions: allow-all by default; replace the policy module to restrict.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// Search on the default in-memory (Lunr) engine, which works on SQLite and PostgreSQL alike.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// Containers in search with their upstream, versions, image and drift status (dockyard-container).
backend.add(import('@dockyard/plugin-search-backend-module-containers'));

backend.add(import('@backstage/plugin-user-settings-backend'));
// Pushes changes (user settings, notifications, finished drift checks…) to open browsers.
backend.add(import('@backstage/plugin-signals-backend'));
// Notifications in the portal: the containers plugin tells a container's owner when it falls
// behind, nears its end of life or keeps failing its checks (containers.drift.notifications).
backend.add(import('@backstage/plugin-notifications-backend'));

// Upstream version drift of every container (containers.drift in app-config.yaml).
backend.add(import('@dockyard/plugin-containers-backend'));

// Tech Insights, with drift facts per container for scorecards (techInsights.factRetrievers).
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(import('@dockyard/plugin-tech-insights-backend-module-containers'));

// AI assistants: the actions of backend.actions.pluginSources (the containers plugin's
// list-containers, get-container-drift, bump-container) as MCP tools at /api/mcp-actions/v1.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
