/*
 * Dockyard in someone else's Backstage (make e2e-adopter): the published packages, packed, in
 * fresh apps made by @backstage/create-app from the registry, set up by following the root
 * README's install section line by line.
 *
 * Two apps, one after the other:
 *  - release: this repository's release (backstage.json), its create-app version, every
 *    @backstage/* package held to the release's exact versions (create-app writes `^` ranges,
 *    which drift to later releases);
 *  - newest: create-app's `latest` with every @backstage/* dependency at the registry's `latest`
 *    tag, and Dockyard's caret ranges resolved as an adopter's yarn resolves them.
 *
 * Each app gets the tarballs (`make pack`), the README's `yarn --cwd … add` lines, backend
 * lines and app-config.yaml block, and a copy of this repository's containers/, templates/ and
 * docs/ as the platform repository next to it. Then `yarn start`, and through the API: every
 * container is a catalog entity, a drift check runs against the stand-in upstream on 127.0.0.1,
 * the New container template is registered; in Chromium: the drift overview, a container's
 * drift card and the template. Logs, screenshots, the installed @backstage versions and the
 * time of each step go to e2e-test-report/adopter/.
 *
 * ADOPTER_APPS=release (or newest) runs one app; ADOPTER_KEEP=1 keeps the scratch folder.
 */
import assert from 'node:assert/strict';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser } from 'playwright-core';
import {
  appEnv,
  copyPlatform,
  createBackstageApp,
  CREATE_APP_OF_RELEASE,
  followInstallSteps,
  PackedPackage,
  packPackages,
  pinToRelease,
  prepareInstall,
  useLatestTags,
} from './lib/adopterApp';
import {
  duplicates,
  installedBackstagePackages,
  offPin,
  versionListing,
} from './lib/backstageVersions';
import { card, eventually, Journey, launchChromium, text } from './lib/browser';
import {
  disagreements,
  InstallBlock,
  readInstallBlocks,
} from './lib/installSteps';
import { packedPackageProblems } from './lib/packedPackage';
import { platformFeeds } from './lib/platformFeeds';
import {
  freePort,
  REPO_ROOT,
  REPORT_DIR,
  startProcess,
  waitFor,
} from './lib/processes';
import { FakeUpstream } from './lib/upstream';

const LOGS = join(REPORT_DIR, 'adopter');
const APP_TIMEOUT_MS = 45 * 60_000;
const CONTAINER_FILTER = 'filter=kind=component,spec.type=container';

const release: string = JSON.parse(
  readFileSync(join(REPO_ROOT, 'backstage.json'), 'utf8'),
).version;

interface AppTarget {
  name: 'release' | 'newest';
  createApp: string;
  describe: string;
}

const TARGETS: AppTarget[] = [
  {
    name: 'release',
    createApp: CREATE_APP_OF_RELEASE[release] ?? '',
    describe: `release ${release} (this repository's), every @backstage package at its exact version`,
  },
  {
    name: 'newest',
    createApp: 'latest',
    describe:
      "the newest release published: create-app@latest, every @backstage dependency at the registry's latest tag",
  },
];

/** What the summary reports: seconds per step, per app. */
const timings: Record<string, Record<string, number>> = {};
const findings: string[] = [];

async function timed<T>(
  app: string,
  step: string,
  work: () => Promise<T>,
): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    (timings[app] ??= {})[step] = Math.round((Date.now() - started) / 1000);
  }
}

/** The root README's install section and every plugin README's marked blocks. */
async function readmes(): Promise<{
  root: InstallBlock[];
  plugins: InstallBlock[];
}> {
  const root = readInstallBlocks(
    await fs.readFile(join(REPO_ROOT, 'README.md'), 'utf8'),
    'README.md',
  );
  assert.ok(
    root.some(b => b.target === 'shell'),
    'README.md: the install section has no <!-- adopter-test: shell --> block',
  );
  const plugins: InstallBlock[] = [];
  for (const dir of (await fs.readdir(join(REPO_ROOT, 'plugins'))).sort()) {
    const file = join('plugins', dir, 'README.md');
    if (!existsSync(join(REPO_ROOT, file))) continue;
    plugins.push(
      ...readInstallBlocks(
        await fs.readFile(join(REPO_ROOT, file), 'utf8'),
        file,
      ),
    );
  }
  return { root, plugins };
}

/** A running app, and the API as the guest sees it. */
class AdopterApp {
  private token?: string;

  constructor(readonly appUrl: string, readonly backendUrl: string) {}

  async api(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: any }> {
    this.token ??= await this.signIn();
    const response = await fetch(`${this.backendUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(init.body === undefined
          ? {}
          : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const textBody = await response.text();
    try {
      return { status: response.status, body: JSON.parse(textBody) };
    } catch {
      return { status: response.status, body: textBody };
    }
  }

  /** Guest sign-in, as create-app configures it for local development. */
  private async signIn(): Promise<string> {
    const response = await fetch(`${this.backendUrl}/api/auth/guest/refresh`, {
      method: 'POST',
    });
    assert.equal(response.status, 200, 'guest sign-in');
    return (await response.json()).backstageIdentity.token;
  }
}

describe('Dockyard in fresh Backstage apps', () => {
  let scratch: string;
  let packed: PackedPackage[];
  let containers: string[];
  let steps: { root: InstallBlock[]; plugins: InstallBlock[] };
  let upstream: FakeUpstream;
  let browser: Browser | undefined;
  const selected = (process.env.ADOPTER_APPS ?? 'release,newest').split(',');

  before(async () => {
    await fs.rm(LOGS, { recursive: true, force: true });
    await fs.mkdir(LOGS, { recursive: true });
    scratch = await fs.mkdtemp(join(tmpdir(), 'dockyard-adopter-'));
    steps = await readmes();
    upstream = await FakeUpstream.start(platformFeeds());
    containers = await copyPlatform(join(scratch, 'data-platform'));
    packed = await timed('packages', 'make pack', () =>
      packPackages(join(scratch, 'packs'), join(LOGS, 'pack.log')),
    );
  });

  after(async () => {
    await browser?.close();
    await upstream?.stop();
    await writeSummary();
    if (scratch && process.env.ADOPTER_KEEP !== '1') {
      await fs.rm(scratch, { recursive: true, force: true });
    }
  });

  it('packs every published package with what an app needs', async () => {
    const contents: string[] = [];
    for (const p of packed) {
      const migrations = existsSync(join(p.sourceDir, 'migrations'))
        ? await fs.readdir(join(p.sourceDir, 'migrations'))
        : [];
      const problems = packedPackageProblems(p.entries, p.manifest, {
        hasConfigSchema: existsSync(join(p.sourceDir, 'config.d.ts')),
        migrations,
      });
      assert.deepEqual(problems, [], `${p.name}: ${problems.join('; ')}`);
      const dist = p.entries.filter(e => e.startsWith('dist/'));
      contents.push(
        `${p.name}@${p.manifest.version}: ${p.entries
          .filter(e => !e.startsWith('dist/'))
          .join(', ')}, dist/ (${dist.length} files: ${dist
          .filter(e => /^dist\/[^/]+\.(cjs\.js|esm\.js|d\.ts)$/.test(e))
          .join(', ')})`,
      );
    }
    await fs.writeFile(join(LOGS, 'tarballs.txt'), `${contents.join('\n')}\n`);
    findings.push(...contents.map(c => `tarball ${c}`));
  });

  for (const target of TARGETS) {
    it(
      `installs by the README and runs in a fresh app on ${target.describe}`,
      { timeout: APP_TIMEOUT_MS, skip: !selected.includes(target.name) },
      () => adoptInFreshApp(target),
    );
  }

  async function adoptInFreshApp(target: AppTarget): Promise<void> {
    assert.ok(
      target.createApp,
      `backstage.json is release ${release}: add the @backstage/create-app version of that release to CREATE_APP_OF_RELEASE in e2e/src/lib/adopterApp.ts`,
    );
    const logs = join(LOGS, target.name);
    const appDir = join(scratch, `${target.name}-app`);
    await timed(target.name, 'create-app', () =>
      createBackstageApp({
        version: target.createApp,
        dir: appDir,
        npmCache: join(scratch, 'npm-cache'),
        logFile: join(logs, 'create-app.log'),
      }),
    );
    const appRelease = JSON.parse(
      await fs.readFile(join(appDir, 'backstage.json'), 'utf8'),
    ).version;
    findings.push(
      `${target.name}: create-app@${target.createApp} made a ${appRelease} app`,
    );
    if (target.name === 'release') {
      assert.equal(appRelease, release, 'the app is on this release');
    }

    // A plugin README's install blocks must be part of the root README's.
    const templateIndex = await fs.readFile(
      join(appDir, 'packages/backend/src/index.ts'),
      'utf8',
    );
    assert.deepEqual(
      disagreements(steps.root, steps.plugins, templateIndex),
      [],
    );

    const pins = rootPins();
    if (target.name === 'release') {
      assert.deepEqual(await pinToRelease(appDir, pins), []);
    } else {
      await useLatestTags(appDir);
    }
    await prepareInstall(appDir, packed);
    await timed(target.name, 'README install steps (yarn add …)', () =>
      followInstallSteps({
        appDir,
        blocks: steps.root,
        packed,
        logFile: join(logs, 'install.log'),
      }),
    );

    const installed = installedBackstagePackages(appDir);
    await fs.writeFile(
      join(logs, 'backstage-packages.txt'),
      versionListing(installed),
    );
    const twice = duplicates(installed);
    if (target.name === 'release') {
      assert.deepEqual(twice, [], 'one copy of each @backstage package');
      assert.deepEqual(offPin(installed, pins), [], 'the release pins');
    } else {
      findings.push(
        `newest: backend-defaults ${
          installed.get('@backstage/backend-defaults')?.[0]?.version
        }, frontend-plugin-api ${installed
          .get('@backstage/frontend-plugin-api')
          ?.map(c => c.version)
          .join(' + ')}; installed twice: ${
          twice.length ? twice.join('; ') : 'none'
        }`,
      );
    }

    await fs.copyFile(
      join(REPO_ROOT, 'e2e/app-config.adopter.yaml'),
      join(appDir, 'app-config.local.yaml'),
    );
    await timed(target.name, 'yarn start and checks', () =>
      startAndCheck(target, appDir, logs),
    );
  }

  async function startAndCheck(
    target: AppTarget,
    appDir: string,
    logs: string,
  ): Promise<void> {
    const [appPort, backendPort] = [await freePort(), await freePort()];
    const client = `adopter-${target.name}`;
    const started = await startProcess({
      name: `${target.name} app (yarn start)`,
      command: 'yarn',
      args: ['start'],
      cwd: appDir,
      env: appEnv({
        ADOPTER_APP_PORT: String(appPort),
        ADOPTER_BACKEND_PORT: String(backendPort),
        ADOPTER_UPSTREAM: upstream.url(client),
        ADOPTER_UPSTREAM_HOST: upstream.host,
      }),
      logFile: join(logs, 'start.log'),
    });
    try {
      const app = new AdopterApp(
        `http://localhost:${appPort}`,
        `http://localhost:${backendPort}`,
      );
      await waitFor(
        `the backend on port ${backendPort} (log: ${started.logFile})`,
        async () =>
          (
            await fetch(`${app.backendUrl}/.backstage/health/v1/readiness`)
          ).ok,
        { timeoutMs: 300_000, abort: started.failOnExit() },
      );

      // Every container is a catalog entity.
      await waitFor(
        'every container in the catalog',
        async () => {
          const { status, body } = await app.api(
            `/api/catalog/entities/by-query?${CONTAINER_FILTER}&limit=1000`,
          );
          assert.equal(status, 200, JSON.stringify(body));
          const names = body.items.map((e: any) => e.metadata.name).sort();
          assert.deepEqual(names, containers);
          return true;
        },
        { timeoutMs: 120_000 },
      );

      // The New container template is registered, with the actions it runs.
      await waitFor('the New container template', async () => {
        const { status } = await app.api(
          '/api/catalog/entities/by-name/template/default/new-container',
        );
        return status === 200;
      });
      const actions = await app.api('/api/scaffolder/v2/actions');
      assert.equal(actions.status, 200);
      const ids = actions.body.map((a: { id: string }) => a.id);
      for (const id of ['containers:create', 'containers:bump']) {
        assert.ok(ids.includes(id), `scaffolder action ${id}`);
      }

      // The scheduled drift check runs against the stand-in, and a check on demand too.
      const records = await waitFor(
        'a drift record of every container',
        async () => {
          const { status, body } = await app.api('/api/containers/drift');
          assert.equal(status, 200, JSON.stringify(body));
          const checked = body.items.filter((r: any) => r.checkedAt);
          return checked.length === containers.length ? checked : false;
        },
        { timeoutMs: 120_000 },
      );
      const nessie = records.find((r: any) => r.slug === 'nessie');
      assert.equal(nessie?.status, 'up-to-date', JSON.stringify(nessie));
      const trino = await app.api('/api/containers/drift/refresh', {
        method: 'POST',
        body: { entityRef: 'component:default/trino' },
      });
      assert.equal(trino.status, 200, JSON.stringify(trino.body));
      assert.equal(trino.body.status, 'behind');
      assert.equal(trino.body.latest, '478');
      assert.ok(
        upstream.requests.some(
          r => r.client === client && r.path.startsWith('/github/'),
        ),
        'the drift check asked the stand-in',
      );

      // The search module: containers are search documents (first indexed 30 s after start).
      await waitFor(
        'trino among the search results of type dockyard-container',
        async () => {
          const { status, body } = await app.api(
            '/api/search/query?term=trino&types%5B0%5D=dockyard-container',
          );
          assert.equal(status, 200, JSON.stringify(body));
          return body.results.some((r: any) =>
            /trino/i.test(JSON.stringify(r.document)),
          );
        },
        { timeoutMs: 180_000 },
      );
      // The Tech Insights module: its fact retriever is registered, with its schema.
      const schemas = await app.api('/api/tech-insights/fact-schemas');
      assert.equal(schemas.status, 200, JSON.stringify(schemas.body));
      assert.ok(
        schemas.body.some(
          (s: { id: string }) => s.id === 'dockyardContainerDriftFactRetriever',
        ),
        `the Dockyard fact schema among ${JSON.stringify(
          schemas.body.map((s: { id: string }) => s.id),
        )}`,
      );

      await checkInBrowser(target, app);
    } finally {
      await started.stop();
    }
  }

  /** The frontend plugin in the app: the drift overview, a drift card, the template's card. */
  async function checkInBrowser(target: AppTarget, app: AdopterApp) {
    browser ??= await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
    });
    const journey = await Journey.open(
      `adopter/${target.name}/browser`,
      context,
    );
    try {
      await journey.run(async ({ page }) => {
        // The dev server answers once the bundle is built.
        await page.goto(`${app.appUrl}/`, { timeout: 300_000 });
        await page.getByRole('button', { name: 'Enter' }).click();
        const nav = page.getByRole('link', { name: 'Container drift' });
        await nav.waitFor({ timeout: 60_000 });
        await nav.click();
        await page
          .getByText(`${containers.length} containers`)
          .waitFor({ timeout: 60_000 });
        await journey.shot('drift-overview');

        await page
          .getByRole('link', { name: 'Trino', exact: true })
          .first()
          .click();
        const drift = card(page, 'Version drift');
        await eventually(async () => assert.match(await text(drift), /478/));
        await journey.shot('drift-card', drift);

        await page.goto(`${app.appUrl}/create`);
        await page.getByText('New container').first().waitFor();
        await journey.shot('templates');
      });
    } finally {
      await context.close();
    }
  }
});

/** This repository's release pins (the root resolutions of @backstage packages). */
function rootPins(): Record<string, string> {
  const root = JSON.parse(
    readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'),
  );
  return Object.fromEntries(
    Object.entries<string>(root.resolutions).filter(([name]) =>
      name.startsWith('@backstage/'),
    ),
  );
}

async function writeSummary() {
  const lines = ['# Adopter test', ''];
  for (const [app, steps] of Object.entries(timings)) {
    const total = Object.values(steps).reduce((a, b) => a + b, 0);
    lines.push(
      `- ${app}: ${Object.entries(steps)
        .map(([step, s]) => `${step} ${s} s`)
        .join(', ')} (${total} s)`,
    );
  }
  lines.push('', ...findings.map(f => `- ${f}`), '');
  await fs.writeFile(join(LOGS, 'summary.md'), lines.join('\n'));
  process.stdout.write(`${lines.join('\n')}\n`);
}
