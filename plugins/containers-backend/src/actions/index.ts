import {
  AuthService,
  DiscoveryService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { readActionsConfig } from './actionsConfig';
import { registerBumpContainerAction } from './bumpContainer';
import { DriftReadSources } from './containerReads';
import { registerGetContainerDriftAction } from './getContainerDrift';
import { registerListContainersAction } from './listContainers';

export interface ContainerActionsOptions extends DriftReadSources {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
  discovery: DiscoveryService;
  config: RootConfigService;
}

/**
 * Dockyard's operations in Backstage's actions registry, for AI assistants through the MCP
 * actions backend: `list-containers`, `get-container-drift` and `bump-container`. Each runs with
 * the caller's credentials: the catalog shows them only the containers they may read, and the
 * scaffolder decides whether they may start the bump.
 */
export function registerContainerActions(options: ContainerActionsOptions) {
  const { bumpTemplate, appBaseUrl } = readActionsConfig(options.config);
  registerListContainersAction(options);
  registerGetContainerDriftAction(options);
  registerBumpContainerAction({ ...options, bumpTemplate, appBaseUrl });
}
