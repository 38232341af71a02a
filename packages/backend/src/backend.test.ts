import path from 'path';
import request from 'supertest';
import { ConfigSources } from '@backstage/config-loader';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import authPlugin from '@backstage/plugin-auth-backend';
import authModuleGuestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import permissionModuleAllowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { waitFor } from '@dockyard/test-utils';

const repoRoot = path.resolve(__dirname, '../../..');

/** The repo's own app-config.yaml, exactly as `make start` reads it. */
async function loadRepoConfig() {
  const source = ConfigSources.default({
    argv: ['--config', path.join(repoRoot, 'app-config.yaml')],
    env: {},
  });
  const config = await ConfigSources.toConfig(source);
  return config.get() as Record<string, any>;
}

describe('backend on the embedded default', () => {
  const previousCwd = process.cwd();
  // File locations in app-config.yaml are relative to packages/backend, where the backend runs.
  beforeAll(() => process.chdir(path.resolve(__dirname, '..')));
  afterAll(() => process.chdir(previousCwd));

  it('signs in a guest and serves the repository entities and templates', async () => {
    const data = await loadRepoConfig();
    expect(data.backend.database).toEqual({
      client: 'better-sqlite3',
      connection: ':memory:',
    });
    // jest runs with NODE_ENV=test; `make start` runs in development, where guests are allowed.
    data.auth.providers.guest.dangerouslyAllowOutsideDevelopment = true;

    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({ data }),
        // Real authentication, so a guest token goes through the real permission backend.
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        authPlugin,
        authModuleGuestProvider,
        permissionPlugin,
        permissionModuleAllowAllPolicy,
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        scaffolderPlugin,
      ],
    });
    try {
      const signIn = await request(backend.server)
        .get('/api/auth/guest/refresh')
        .set('X-Requested-With', 'XMLHttpRequest');
      expect(signIn.status).toBe(200);
      const token = signIn.body.backstageIdentity.token;
      expect(signIn.body.backstageIdentity.identity.userEntityRef).toBe(
        'user:default/guest',
      );
      const auth = `Bearer ${token}`;

      const refs = await waitFor('the catalog to load', async () => {
        const res = await request(backend.server)
          .get('/api/catalog/entities/by-query')
          .query({ limit: 500 })
          .set('Authorization', auth);
        const found: string[] = (res.body.items ?? []).map((e: any) =>
          `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase(),
        );
        return found.includes('template:default/new-container') &&
          found.includes('component:default/dockyard-backend')
          ? found
          : undefined;
      });

      expect(refs).toEqual(
        expect.arrayContaining([
          'system:default/data-platform',
          'group:default/data-platform-team',
          'component:default/dockyard-app',
          'component:default/dockyard-backend',
          'component:default/dockyard-cli',
          'template:default/new-container',
        ]),
      );

      // The scaffolder reads the template from the same catalog, for the same user.
      const params = await request(backend.server)
        .get(
          '/api/scaffolder/v2/templates/default/template/new-container/parameter-schema',
        )
        .set('Authorization', auth);
      expect(params.status).toBe(200);
      expect(params.body.title).toBe('New container');
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
