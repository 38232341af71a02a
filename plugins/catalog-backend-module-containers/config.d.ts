import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Dockyard container targets: every container.yaml under each target becomes a catalog
       * entity. One entry per target, keyed by a stable id (it names the provider).
       */
      containers?: {
        [id: string]: {
          /**
           * A local folder with one folder per container (`<slug>/container.yaml`). Relative paths
           * are resolved against the backend's working directory, like catalog `file` locations.
           * Exactly one of `path` and `url` is required.
           */
          path?: string;
          /**
           * A repository folder read through the urlReader service, for example
           * `https://github.com/example/data-platform/tree/main/containers`. The matching
           * integration (or `backend.reading.allow`) must let the backend read it.
           */
          url?: string;
          /**
           * Where the same folder can be browsed on the web, used for the README link and
           * `backstage.io/source-location` of local targets. URL targets use `url` itself.
           */
          browseUrl?: string;
          /**
           * How often the target is read. Defaults: every 20 seconds for a local folder, every
           * 10 minutes for a URL.
           */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
          /** Values for containers whose container.yaml does not set them. */
          defaults?: {
            /** Entity ref of the owner, for example `group:default/data-platform-team`. */
            owner?: string;
            /** Entity ref of the system. Default `data-platform`. */
            system?: string;
            /** Lifecycle. Default `production`. */
            lifecycle?: string;
          };
        };
      };
    };
  };
}
