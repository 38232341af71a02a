#!/usr/bin/env node
/*
 * Takes the screenshots in docs/screenshots/ from a running portal:
 *
 *   source .make-env && node scripts/screenshots.js
 *
 * 1. starts a stand-in upstream on 127.0.0.1 that answers like GitHub, Docker Hub, Quay, PyPI and
 *    Maven Central with realistic release lists (the machine has no internet);
 * 2. starts the portal as `make start` does (yarn start), with a config overlay that points the
 *    drift sources at the stand-in and allows only its host (so spark's Apache archive is refused:
 *    the portal shows that error, as it would on a machine without internet);
 * 3. signs in as guest with Chromium (playwright-core driving /usr/bin/chromium, or $CHROMIUM),
 *    waits for the containers in the catalog, clicks "Check all now" on the drift overview and
 *    waits for every result;
 * 4. saves the drift overview, the version drift card (trino), the Iceberg catalog and rollback
 *    card (spark), spark's runbook opened from that card in the portal's file viewer, the same card
 *    warning about missing rollback notes (nessie, from a copy of containers/ whose nessie lacks
 *    them) and the Container tab (hive-metastore) as PNGs, and stops everything it started.
 *
 * Ports 3000 and 7007 must be free. SCREENSHOTS_DIR changes where the PNGs go.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.resolve(
  process.env.SCREENSHOTS_DIR ?? path.join(ROOT, 'docs/screenshots'),
);
const APP = 'http://localhost:3000';
const BACKEND = 'http://localhost:7007';

const DAY = 24 * 3600 * 1000;
/** An ISO date `days` before now, so "released N days ago" reads the same on every run. */
const daysAgo = days => new Date(Date.now() - days * DAY).toISOString();

/** GitHub releases of trino, nessie and polaris; tags of hive. */
const GITHUB = {
  '/repos/trinodb/trino/releases': [478, 477, 476, 475].map((n, i) => ({
    tag_name: String(n),
    published_at: daysAgo(12 + i * 24),
    html_url: `https://github.com/trinodb/trino/releases/tag/${n}`,
  })),
  '/repos/projectnessie/nessie/releases': ['0.105.1', '0.105.0', '0.104.3'].map(
    (v, i) => ({
      tag_name: `nessie-${v}`,
      published_at: daysAgo(20 + i * 30),
      html_url: `https://github.com/projectnessie/nessie/releases/tag/nessie-${v}`,
    }),
  ),
  '/repos/apache/polaris/releases': ['1.2.0', '1.1.0', '1.0.1'].map((v, i) => ({
    tag_name: `apache-polaris-${v}-incubating`,
    published_at: daysAgo(9 + i * 70),
    html_url: `https://github.com/apache/polaris/releases/tag/apache-polaris-${v}-incubating`,
  })),
  '/repos/apache/hive/tags': [
    'rel/release-4.1.0',
    'rel/release-4.0.1',
    'rel/release-4.0.0',
    'rel/release-4.0.0-beta-1',
    'rel/release-3.1.3',
  ].map(name => ({ name })),
};

/** OCI tag lists, by registry prefix and repository. */
const REGISTRIES = {
  '/docker/v2/library/postgres/tags/list': [
    '16.10-bookworm',
    '17.5-bookworm',
    '17.6-bookworm',
    '17.7-bookworm',
    '18.1-bookworm',
    '18.1-alpine',
    'latest',
  ],
  '/quay/v2/minio/minio/tags/list': [
    'RELEASE.2025-07-23T15-54-02Z',
    'RELEASE.2025-09-07T16-13-09Z',
    'RELEASE.2025-10-15T17-29-55Z',
    'latest',
  ],
};

/** PyPI projects: versions with their upload dates. */
const PYPI = {
  'apache-airflow': {
    '3.0.6': 120,
    '3.1.2': 48,
    '3.1.3': 30,
    '3.1.4': 16,
    '3.1.5': 4,
  },
  'apache-superset': { '4.1.3': 140, '5.0.0': 75 },
};

/** Maven metadata of kafka-clients. */
const MAVEN = {
  '/maven2/org/apache/kafka/kafka-clients/maven-metadata.xml': [
    '3.9.1',
    '4.0.0',
    '4.1.0',
  ],
};

function json(res, body) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function startUpstream() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const github = url.pathname.replace(/^\/github/, '');
    if (url.pathname.startsWith('/github') && GITHUB[github]) {
      return json(res, GITHUB[github]);
    }
    if (REGISTRIES[url.pathname]) {
      const name = url.pathname.split('/v2/')[1].replace('/tags/list', '');
      return json(res, { name, tags: REGISTRIES[url.pathname] });
    }
    const pypi = /^\/pypi\/([^/]+)\/json$/.exec(url.pathname);
    if (pypi && PYPI[pypi[1]]) {
      const releases = Object.fromEntries(
        Object.entries(PYPI[pypi[1]]).map(([version, age]) => [
          version,
          [{ yanked: false, upload_time_iso_8601: daysAgo(age) }],
        ]),
      );
      return json(res, {
        info: {
          project_urls: { Changelog: `https://pypi.org/project/${pypi[1]}/` },
        },
        releases,
      });
    }
    if (MAVEN[url.pathname]) {
      const versions = MAVEN[url.pathname]
        .map(v => `<version>${v}</version>`)
        .join('');
      res.writeHead(200, { 'content-type': 'application/xml' });
      return res.end(
        `<metadata><groupId>org.apache.kafka</groupId><artifactId>kafka-clients</artifactId><versioning><versions>${versions}</versions></versioning></metadata>`,
      );
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    return res.end('{"message":"Not Found"}');
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

/**
 * A copy of containers/ in which nessie (a catalog provider) has no rollback notes and no compose
 * example, so its card shows the warning a person sees after deleting them. docs/ is copied beside
 * it, so the runbooks, compose examples and ADRs the containers point at (../../docs/…) open.
 */
function containersWithoutNessieNotes(tmp) {
  const copy = path.join(tmp, 'containers');
  fs.cpSync(path.join(ROOT, 'containers'), copy, { recursive: true });
  fs.cpSync(path.join(ROOT, 'docs'), path.join(tmp, 'docs'), {
    recursive: true,
    filter: source => !source.includes(`${path.sep}screenshots`),
  });
  const file = path.join(copy, 'nessie/container.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const stripped = text.replace(
    /\n  rollback:\n[\s\S]*?(?=\n[a-z]|\n?$)/,
    '\n',
  );
  if (stripped === text) throw new Error(`no catalog.rollback in ${file}`);
  fs.writeFileSync(file, stripped);
  return copy;
}

function overlayConfig(host, containersDir) {
  const base = `http://${host}`;
  const checkout = path.dirname(containersDir);
  return [
    '# Written by scripts/screenshots.js: drift sources on the stand-in upstream.',
    'catalog:',
    '  providers:',
    '    containers:',
    '      local:',
    `        path: ${containersDir}`,
    '        schedule: { frequency: { seconds: 20 }, timeout: { seconds: 50 } }',
    '        defaults:',
    '          owner: group:default/data-platform-team',
    '          system: data-platform',
    '          lifecycle: production',
    'integrations:',
    '  github:',
    '    - host: github.com',
    `      apiBaseUrl: ${base}/github`,
    'containers:',
    '  drift:',
    `    allowedHosts: ['${host}']`,
    '    retries: 0',
    '    registries:',
    `      docker.io: { baseUrl: ${base}/docker }`,
    `      quay.io: { baseUrl: ${base}/quay }`,
    '    endpoints:',
    `      pypi: ${base}`,
    `      maven: ${base}/maven2`,
    '  files:',
    `    allowedRoots: ['${checkout}']`,
    '',
  ].join('\n');
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

async function httpOk(url) {
  const response = await fetch(url);
  return response.status < 500;
}

/** The element of the InfoCard whose header says `title`. */
function card(page, title) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.locator('.MuiCardHeader-root', { hasText: title }) })
    .first();
}

/** Lets lazy cards, entity names and fonts finish before a picture: layout shifts until then. */
async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const upstream = await startUpstream();
  const host = `127.0.0.1:${upstream.address().port}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-screenshots-'));
  const overlay = path.join(tmp, 'app-config.screenshots.yaml');
  fs.writeFileSync(
    overlay,
    overlayConfig(host, containersWithoutNessieNotes(tmp)),
  );
  const log = fs.openSync(path.join(tmp, 'portal.log'), 'w');

  console.log(`stand-in upstream on ${host}; portal log in ${tmp}/portal.log`);
  const portal = spawn(
    'yarn',
    [
      'start',
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      overlay,
    ],
    { cwd: ROOT, detached: true, stdio: ['ignore', log, log] },
  );
  let browser;
  try {
    await waitFor(
      'the backend on :7007',
      () => httpOk(`${BACKEND}/.backstage/health/v1/readiness`),
      240_000,
    );
    await waitFor('the app on :3000', () => httpOk(APP), 240_000);

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-gpu',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({
      viewport: { width: 1600, height: 1000 },
      deviceScaleFactor: 1,
    });
    page.setDefaultTimeout(60_000);

    await page.goto(APP);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByText('Container drift').first().waitFor();

    // The catalog module ingests containers/ a few seconds after start.
    await waitFor(
      'the containers in the catalog',
      async () => {
        await page.goto(`${APP}/containers`);
        const header = page.getByText(/^\d+ containers?$/);
        await header.waitFor({ timeout: 15_000 });
        return Number((await header.textContent()).split(' ')[0]) >= 10;
      },
      180_000,
    );

    // Check every container now rather than waiting for the schedule; ask again while results
    // are missing (the dev backend restarts with an empty in-memory database when sources change).
    await waitFor(
      'a drift result for every container',
      async () => {
        await page.goto(`${APP}/containers`);
        await page.getByRole('table', { name: 'Container drift' }).waitFor();
        if ((await page.getByRole('cell', { name: 'never' }).count()) === 0) {
          return true;
        }
        await page.getByRole('button', { name: 'Check all now' }).click();
        await page.waitForTimeout(3000);
        return false;
      },
      240_000,
    );

    await page.goto(`${APP}/containers`);
    await page.getByRole('table', { name: 'Container drift' }).waitFor();
    // Owner and system names come from the catalog a moment after the table.
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'drift-overview.png') });

    await page.goto(`${APP}/catalog/default/component/trino`);
    await card(page, 'Version drift').getByText('How far behind').waitFor();
    await settle(page);
    await card(page, 'Version drift').screenshot({
      path: path.join(OUT, 'drift-card.png'),
    });

    await page.goto(`${APP}/catalog/default/component/spark`);
    await card(page, 'Iceberg catalog and rollback')
      .getByText('Steps, in order')
      .waitFor();
    await settle(page);
    await card(page, 'Iceberg catalog and rollback').screenshot({
      path: path.join(OUT, 'rollback-card.png'),
    });

    // The runbook, opened from the card: containers read from disk show their files in the portal.
    await card(page, 'Iceberg catalog and rollback')
      .getByRole('link', { name: 'Runbook' })
      .click();
    await page
      .getByRole('dialog')
      .getByRole('heading', { name: 'At a glance' })
      .waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'file-viewer.png') });

    await page.goto(`${APP}/catalog/default/component/nessie`);
    await card(page, 'Iceberg catalog and rollback').locator('pre').waitFor();
    await settle(page);
    await card(page, 'Iceberg catalog and rollback').screenshot({
      path: path.join(OUT, 'rollback-warning.png'),
    });

    await page.goto(
      `${APP}/catalog/default/component/hive-metastore/container`,
    );
    await page.getByText('Build args').waitFor();
    await settle(page);
    await page.screenshot({
      path: path.join(OUT, 'container-tab.png'),
      fullPage: true,
    });

    console.log(`screenshots in ${path.relative(ROOT, OUT)}/`);
  } finally {
    await browser?.close();
    // yarn start runs the app and the backend as children: stop the whole group.
    try {
      process.kill(-portal.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    upstream.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
