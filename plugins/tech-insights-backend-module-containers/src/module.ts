import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createContainerDriftFactRetriever } from './factRetriever';
import { CONTAINER_DRIFT_FACT_RETRIEVER_ID } from './facts';

/**
 * Adds the fact retriever `dockyardContainerDriftFactRetriever` to Tech Insights. Like every
 * retriever, it runs once `techInsights.factRetrievers.dockyardContainerDriftFactRetriever` sets
 * its `cadence` in app-config.
 *
 * @public
 */
export const techInsightsModuleContainers = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'containers',
  register(reg) {
    reg.registerInit({
      deps: {
        factRetrievers: techInsightsFactRetrieversExtensionPoint,
        catalog: catalogServiceRef,
      },
      async init({ factRetrievers, catalog }) {
        factRetrievers.addFactRetrievers({
          [CONTAINER_DRIFT_FACT_RETRIEVER_ID]:
            createContainerDriftFactRetriever({ catalog }),
        });
      },
    });
  },
});
