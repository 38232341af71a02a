import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** Dockyard's containers in Backstage search (`@dockyard/plugin-search-backend-module-containers`). */
      dockyardContainers?: {
        /**
         * How often the containers and their drift status are indexed again. Default: every 10
         * minutes, the first time 30 seconds after start.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
