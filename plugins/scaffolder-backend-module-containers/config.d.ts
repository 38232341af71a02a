export interface Config {
  containers?: {
    scaffolder?: {
      /**
       * The platform repository new containers are made from: its `containers/_template` is
       * rendered, its `containers/` tells which slugs are taken, and its root `README.md` gets the
       * container table; `containers:bump` reads the container's folder and the README from it.
       * Set exactly one of `path` and `url`.
       */
      platform?: {
        /**
         * A local checkout of the platform. Relative paths are resolved against the backend's
         * working directory (`../..` is this repository when the backend runs from
         * packages/backend).
         */
        path?: string;
        /**
         * The repository root read through the urlReader service, for example
         * `https://github.com/example/data-platform/tree/main`.
         */
        url?: string;
      };
      /**
       * Whether a guest (the guest sign-in provider's user, `auth.providers.guest.userEntityRef` or
       * `user:development/guest`, or a task started by no user at all) may run
       * `containers:create`, `containers:bump`, `containers:publish-local` and
       * `containers:pull-request-target`.
       * Default false; the embedded default, where everybody is the guest, sets it to true.
       */
      allowGuests?: boolean;
      /**
       * The repository the New container template opens pull requests against, as
       * `github.com?owner=example&repo=data-platform` or `https://github.com/example/data-platform`.
       * Default: the repository of `platform.url`. `containers:pull-request-target` refuses any other.
       */
      pullRequestTarget?: string;
      /**
       * `containers:publish-local`: writes new containers, and bumps made by `containers:bump`
       * (on the branch `dockyard/bump-<slug>-<version>`), into a local checkout of the platform
       * (the embedded default). Disabled unless `enabled` is true.
       */
      localPublish?: {
        /** Allow `containers:publish-local`. Default false. */
        enabled?: boolean;
        /**
         * The checkout to write into; defaults to `platform.path`. Relative paths are resolved
         * against the backend's working directory.
         */
        path?: string;
        /** Prefix of the git branch created for each container. Default `dockyard/new-`. */
        branchPrefix?: string;
        /**
         * Commit author when the task's user has no e-mail in the catalog. Without it, the
         * checkout's own git identity is used.
         */
        author?: {
          name: string;
          email: string;
        };
        /**
         * Id of the `catalog.providers.containers` target to refresh after writing; all targets
         * when absent.
         */
        refreshTarget?: string;
      };
    };
  };
}
