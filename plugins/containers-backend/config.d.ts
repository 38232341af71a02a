import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Dockyard. GitHub hosts and tokens for drift come from `integrations.github[]`. */
  containers?: {
    /** Upstream version drift: the backend plugin `containers` and `dockyard drift`. */
    drift?: {
      /**
       * When the backend checks every container (default: every 30 minutes, 15 minute timeout,
       * first run 30 seconds after start). One run at a time across replicas.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * When the backend looks for containers never checked (new in the catalog, or all of them
       * on a fresh database) and checks those, so that first results come within seconds
       * (default: every 10 seconds, first 3 seconds after start, 5 minute timeout). Each look
       * is one catalog query and one database query. One run at a time across replicas.
       */
      firstCheckSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Notifications to a container's owner (Backstage's notifications plugin; a group owner's
       * members each get one). One notification per event, never repeated on the next run.
       */
      notifications?: {
        /**
         * Default: on when the notifications backend plugin is installed in this backend. Set
         * `true` when it runs in another backend of a split deployment.
         */
        enabled?: boolean;
        /**
         * Tell when a container newly falls behind by at least a `minor` (default) or a `major`
         * version (and again when it falls behind by a major after a minor).
         */
        behindThreshold?: 'major' | 'minor';
        /** Tell when this many checks in a row failed. Default 3. */
        failuresInARow?: number;
      };
      /**
       * Hosts the engine may contact: `api.github.com`, `127.0.0.1:8080` (one port),
       * `*.docker.io` (subdomains). Anything else is refused with an error. Default: unset,
       * the hosts of the endpoints configured here (GitHub API, registries and their
       * `credentialHosts`, `endpoints`) and any other host, such as a URL a container.yaml
       * gives, whose addresses are all public. Either way, a loopback, private, link-local,
       * unique-local or CGNAT address (after DNS, in any spelling) is refused unless its host
       * is listed exactly (not by a wildcard) here or is the host of a configured endpoint.
       */
      allowedHosts?: string[];
      /**
       * Largest response read from a feed, in bytes after decompression; a larger one fails
       * that feed ("response from <host> exceeded 5 MiB") and is not cached. Default 5242880.
       */
      maxResponseBytes?: number;
      /**
       * OCI registries by the host that image names start with (`docker.io`, `quay.io`,
       * `127.0.0.1:5000`). Without an entry, `https://<host>` is used (`http://` for loopback
       * hosts) and Docker Hub is `https://registry-1.docker.io`.
       */
      registries?: {
        [host: string]: {
          /** The registry's base URL, e.g. a mirror. */
          baseUrl: string;
          /**
           * A bearer token sent to the registry host only.
           * @visibility secret
           */
          token?: string;
          /** For the registry's token service (Bearer challenge) or basic auth. */
          username?: string;
          /**
           * Sent only to the registry host and to `credentialHosts`.
           * @visibility secret
           */
          password?: string;
          /**
           * Other hosts that may receive username and password: the registry's token service.
           * Default for docker.io: `auth.docker.io`; for others: none.
           */
          credentialHosts?: string[];
        };
      };
      /** Base URLs of the package services (defaults: the public ones). */
      endpoints?: {
        /** PyPI (`/pypi/<package>/json`). Default https://pypi.org */
        pypi?: string;
        /** npm registry. Default https://registry.npmjs.org */
        npm?: string;
        /** Maven repository for containers without `source.url`. Default https://repo1.maven.org/maven2 */
        maven?: string;
        /** Chart repository for helm containers without `source.url`. No default. */
        helm?: string;
        /** endoflife.date (`/api/<product>.json`). Default https://endoflife.date */
        endoflife?: string;
      };
      /** Requests in flight at once to one host. Default 8. */
      concurrency?: number;
      /** Time allowed for one request, body included. Default 10 seconds. */
      requestTimeout?: HumanDuration | string;
      /** Further attempts after a 5xx, a network error or a 429 (a timeout is not retried). Default 2. */
      retries?: number;
      /**
       * Longest wait honoured for a `Retry-After` header or a rate-limit reset; a longer one
       * fails that upstream's check. Default 60 seconds.
       */
      maxRetryWait?: HumanDuration | string;
      /** Pages read at most from one paginated feed (GitHub, registries). Default 50. */
      maxPages?: number;
      /** Tags asked for per page of an OCI registry (`n=`). Default 1000. */
      registryPageSize?: number;
      /**
       * End of life of the version in use (`version.eol` of container.yaml, read from
       * endoflife.date at `endpoints.endoflife`).
       */
      eol?: {
        /**
         * Days before a cycle's end-of-life date from which it shows as "EOL in N days" (a
         * warning) rather than "supported until …". Default 90.
         */
        warningDays?: number;
      };
      /**
       * Refreshes (`POST /api/containers/drift/refresh`, the portal's "Check now") one caller
       * (a user, or a service by its subject) may ask for: `limit` at once, and `limit` more
       * every `window`; past it the answer is 429 with `Retry-After`. Counted in the plugin's
       * cache, so replicas share the count when they share a cache store. Every guest of a
       * portal with guest sign-in is the same user. Default 10 a minute.
       */
      refreshRateLimit?: {
        /** Refreshes at once, and per window. Default 10. */
        limit?: number;
        /** Default 1 minute. */
        window?: HumanDuration | string;
      };
      /**
       * The drift history (`GET /api/containers/drift/history`, the card's timeline, the
       * overview's trend): per pinned version, every change of a check's result and one
       * sample a day.
       */
      history?: {
        /** Samples older than this many days are deleted after each check run. Default 400. */
        retentionDays?: number;
      };
    };
    /**
     * The files a container.yaml read from a local folder points at (runbook, compose example,
     * ADR, config files), which the portal shows since there is no URL to link to. Served to
     * users who can see the container entity in the catalog.
     */
    files?: {
      /**
       * Folders whose files may be served, relative to the backend's working directory; nothing
       * outside them is, also through symlinks, and hidden files and folders (`.git`, `.env`)
       * never are. Default: every local container target's folder and the `docs` folder beside
       * it (`catalog.providers.containers.<id>.path` `../../containers` → `../../containers`,
       * `../../docs`), never the whole checkout around them.
       */
      allowedRoots?: string[];
      /** Larger files are refused. Default 524288 (512 KiB). */
      maxBytes?: number;
    };
    /**
     * The plugin's actions in Backstage's actions registry (`list-containers`,
     * `get-container-drift`, `bump-container`), which the MCP actions backend offers to AI
     * assistants once `backend.actions.pluginSources` lists `containers`.
     */
    actions?: {
      /**
       * The template `bump-container` starts, as an entity ref. Default
       * `template:default/bump-container` (templates/bump-container of this repository).
       */
      bumpTemplate?: string;
    };
  };
}
