/*
 * The four user journeys in Chromium (make e2e), against the portal as `make start` runs it
 * (`yarn start` with e2e/app-config.e2e.yaml on top), upstream feeds served on 127.0.0.1:
 *
 * 1. create a container through the New container form, follow the output link, find it in the
 *    catalog;
 * 2. read a container's version drift card and its Iceberg catalog and rollback card;
 * 3. track drift: new upstream releases, "Check now", the status changes on the component page and
 *    on the drift overview, and the container's owner (the guest's team) is notified once;
 * 4. act on drift: "Bump to …" on a behind container's card, the Bump container template, one
 *    commit on a branch of the checkout, and the card showing the new version.
 *
 * Screenshots go to e2e-test-report/<journey>/; a failing journey also leaves page.html,
 * console.log and failure.png there, and the portal's log is e2e-test-report/portal.log.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { assertAccessible } from './lib/accessibility';
import {
  card,
  escapeRegExp,
  eventually,
  fact,
  Journey,
  launchChromium,
  linkText,
  text,
} from './lib/browser';
import {
  pinnedBaseImages,
  platformFeeds,
  REBUILT_BASE,
  rebuiltDigest,
} from './lib/platformFeeds';
import { git, Portal, startPortal } from './lib/portal';
import { REPORT_DIR, sleep } from './lib/processes';
import { FakeUpstream } from './lib/upstream';

const JOURNEY_TIMEOUT_MS = 240_000;

/** The container journey 1 creates, and its upstream listing on the stand-in. */
const NEW_CONTAINER = {
  name: 'Apache Flink',
  slug: 'flink',
  summary: 'Apache Flink: stream processing jobs that write Iceberg tables.',
  current: '2.1.0',
  listing: ['flink-1.20.3/', 'flink-2.0.0/', 'flink-2.1.0/', 'flink-2.1.1/'],
  regex: 'flink-([0-9]+\\.[0-9]+\\.[0-9]+)/',
  rollbackSteps: [
    'Stop the Flink jobs that write Iceberg tables',
    'Point the catalog at thrift://hive-metastore:9083',
    'Register the tables in Hive Metastore',
    'Restart the jobs from their last savepoint',
  ],
};

/** The drift card's headline status: its first chip, the worst of every pinned version. */
function overallStatus(driftCard: Locator): Locator {
  return driftCard.locator('.MuiChip-root').first();
}

/** Waits until the drift card's headline status reads `label`. */
async function overallStatusIs(driftCard: Locator, label: string) {
  await eventually(async () =>
    assert.equal(await text(overallStatus(driftCard)), label),
  );
}

/**
 * One entry of the drift card's Pinned versions list (`Main version`, a companion, `Base image`)
 * as a person reads it: without the screen-reader note of its upstream link.
 */
async function pinnedVersion(driftCard: Locator, name: string) {
  const entry = driftCard
    .getByRole('list', { name: 'Pinned versions' })
    .getByRole('listitem')
    .filter({ hasText: name });
  return (await text(entry)).replace(/ ?, Opens in a new window/g, '');
}

/** A digest as the portal shortens it: `sha256:` and 12 hex digits. */
const shortDigest = (digest: string) => digest.slice(0, 'sha256:'.length + 12);

// Long on purpose: the journeys share one portal, upstream stand-in and signed-in browser, all slow to start.
describe('user journeys in Chromium', () => {
  let upstream: FakeUpstream;
  let portal: Portal;
  let browser: Browser;
  let context: BrowserContext;

  /** Opens `path` of the app, signing in as a guest when the sign-in page shows. */
  async function visit(page: Page, path: string, timeout = 30_000) {
    await page.goto(`${portal.appUrl}${path}`, { timeout });
    const enter = page.getByRole('button', { name: 'Enter' });
    const sidebar = page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Create' });
    await enter.or(sidebar).first().waitFor({ timeout });
    if (await enter.isVisible()) {
      await enter.click();
      await sidebar.waitFor({ timeout });
    }
  }

  /** Opens an entity page, reloading until the catalog has the entity. */
  async function visitEntity(page: Page, name: string, title: string) {
    await eventually(async () => {
      await visit(page, `/catalog/default/component/${name}`);
      await page
        .getByRole('heading', { name: title, exact: true })
        .waitFor({ timeout: 5_000 });
    }, 90_000);
  }

  before(async () => {
    await fs.mkdir(REPORT_DIR, { recursive: true });
    const feeds = platformFeeds();
    feeds.directories['/dist/flink/'] = NEW_CONTAINER.listing;
    upstream = await FakeUpstream.start(feeds);
    portal = await startPortal({
      upstream,
      logFile: join(REPORT_DIR, 'portal.log'),
    });
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
    });
    // Signs in once for every journey; the first visit also waits for the dev server's bundles.
    const signIn = await Journey.open('0-sign-in', context);
    await signIn.run(async ({ page }) => {
      await visit(page, '/', 180_000);
      await page
        .getByRole('heading', { name: /Catalog/ })
        .first()
        .waitFor({ timeout: 120_000 });
      await signIn.shot('catalog');
    });
  });

  after(async () => {
    await browser?.close();
    await portal?.stop();
    await upstream?.stop();
  });

  // Long on purpose: one user journey, step by step in one page, its screenshots in order.
  it(
    '1. creates a container through the New container form and finds it in the catalog',
    { timeout: JOURNEY_TIMEOUT_MS },
    async () => {
      const journey = await Journey.open('1-create-container', context);
      await journey.run(async ({ page }) => {
        await visit(page, '/create');
        await page.getByRole('heading', { name: 'New container' }).waitFor();
        await journey.shot('templates');
        // Its own card's Choose: the Bump container template is listed beside it.
        await page
          .locator('.MuiCard-root')
          .filter({
            has: page.getByRole('heading', {
              name: 'New container',
              exact: true,
            }),
          })
          .getByRole('button', { name: 'Choose' })
          .click();

        // Container: name, slug (checked against the catalog as it is typed), summary, owner.
        await page
          .getByRole('textbox', { name: 'Name' })
          .fill(NEW_CONTAINER.name);
        await page
          .getByRole('textbox', { name: 'Slug' })
          .fill(NEW_CONTAINER.slug);
        await page.getByText(`${NEW_CONTAINER.slug} is free`).waitFor();
        await page
          .getByRole('textbox', { name: 'Summary' })
          .fill(NEW_CONTAINER.summary);
        assert.equal(
          await page.getByRole('textbox', { name: 'Owner' }).inputValue(),
          'group:default/data-platform-team',
        );
        await journey.shot('container');
        await page.getByRole('button', { name: 'Next' }).click();

        // Upstream: the download directory on the stand-in, read with a version pattern.
        await page
          .getByRole('button', { name: /^How upstream releases are found/ })
          .click();
        await page
          .getByRole('option', { name: 'Download directory (HTTP listing)' })
          .click();
        await page
          .getByRole('textbox', { name: 'Packaged version' })
          .fill(NEW_CONTAINER.current);
        await page
          .getByRole('textbox', { name: 'Upgrade notes' })
          .fill('Release notes: https://flink.apache.org/downloads/');
        await page
          .getByRole('textbox', { name: 'Listing page' })
          .fill(`${upstream.url('portal')}/dist/flink/`);
        await page
          .getByRole('textbox', { name: 'Version pattern' })
          .fill(NEW_CONTAINER.regex);
        await journey.shot('upstream');
        await page.getByRole('button', { name: 'Next' }).click();

        // Runtime: base image, one port and one environment variable (a value with ": ").
        await page
          .getByRole('textbox', { name: 'Base image' })
          .fill('docker.io/library/eclipse-temurin:21-jre-noble');
        const names = page.getByRole('textbox', { name: 'Name', exact: true });
        await names.nth(0).fill('web');
        await page.getByRole('spinbutton', { name: 'Port' }).fill('8081');
        await page
          .getByRole('textbox', { name: 'What it serves' })
          .fill('Flink web UI and REST API');
        await names.nth(1).fill('FLINK_PROPERTIES');
        await page
          .getByRole('textbox', { name: 'Default', exact: true })
          .fill('jobmanager.rpc.address: jobmanager');
        await page
          .getByRole('textbox', { name: 'Description', exact: true })
          .fill('Flink configuration lines, appended to config.yaml.');
        await journey.shot('runtime');
        await page.getByRole('button', { name: 'Next' }).click();

        // Publishing: one more tag, minimal provenance, signing with a key.
        await page.getByRole('button', { name: 'Add Item' }).click();
        await page.getByRole('textbox', { name: 'Tag' }).nth(1).fill('stream');
        await page
          .getByRole('button', { name: /^Provenance attestation/ })
          .click();
        await page.getByRole('option', { name: 'min' }).click();
        await page.getByRole('button', { name: /^Signing/ }).click();
        await page.getByRole('option', { name: 'cosign with a key' }).click();
        await page
          .getByRole('textbox', { name: 'Key reference' })
          .fill('awskms:///alias/cosign');
        await journey.shot('publishing');
        await page.getByRole('button', { name: 'Next' }).click();

        // Catalog integration: AWS Glue, which asks for the decision and the rollback steps.
        await page.getByRole('button', { name: /^Role/ }).click();
        await page.getByRole('option', { name: /^Consumer/ }).click();
        await page.getByRole('button', { name: /^Catalog used/ }).click();
        await page.getByRole('option', { name: 'AWS Glue' }).click();
        await page
          .getByRole('textbox', { name: 'Catalog endpoint' })
          .fill('glue://eu-west-1/123456789012');
        await page
          .getByRole('textbox', { name: 'Why Glue' })
          .fill(
            'The jobs run on AWS next to the data. Glue removes a metastore to operate.',
          );
        for (const [i, step] of NEW_CONTAINER.rollbackSteps.entries()) {
          if (i > 0)
            await page.getByRole('button', { name: 'Add Item' }).click();
          await page.getByRole('textbox', { name: 'Step' }).nth(i).fill(step);
        }
        await journey.shot('catalog-integration');
        await page.getByRole('button', { name: 'Next' }).click();

        // Target: this portal's checkout (a new branch of the clone the suite gave the portal).
        await page
          .getByRole('button', { name: /^Publish to This portal's checkout/ })
          .waitFor();
        await journey.shot('target');
        await page.getByRole('button', { name: 'Review' }).click();

        // The review reads like the form: its titles and choice names, the pattern unaltered.
        const review = page.getByRole('table');
        for (const [label, value] of [
          ['Slug', NEW_CONTAINER.slug],
          ['Packaged version', NEW_CONTAINER.current],
          ['Version pattern', NEW_CONTAINER.regex],
          ['Catalog used', 'AWS Glue'],
          ['Why Glue', 'The jobs run on AWS next to the data.'],
          ['Rollback steps', NEW_CONTAINER.rollbackSteps[0]],
        ]) {
          await review
            .getByRole('row', {
              name: new RegExp(
                `^${escapeRegExp(label)} ${escapeRegExp(value)}`,
              ),
            })
            .waitFor();
        }
        await journey.shot('review');
        await page.getByRole('button', { name: 'Create' }).click();

        // The task: every step done, the files committed on a new branch, the output link.
        const open = page.getByRole('link', { name: 'Open the component' });
        await open.waitFor({ timeout: 90_000 });
        await page
          .getByText(`dockyard/new-${NEW_CONTAINER.slug}`, { exact: true })
          .waitFor();
        await journey.shot('task-done');
        await open.click();

        await page.waitForURL(
          new RegExp(`/catalog/default/component/${NEW_CONTAINER.slug}$`),
        );
        await visitEntity(page, NEW_CONTAINER.slug, NEW_CONTAINER.name);
        await page.getByText(NEW_CONTAINER.summary).first().waitFor();
        const rollback = card(page, 'Iceberg catalog and rollback');
        const steps = rollback
          .getByRole('list', { name: 'Rollback steps' })
          .getByRole('listitem');
        await steps.first().waitFor();
        assert.deepEqual(
          await steps.allInnerTexts(),
          NEW_CONTAINER.rollbackSteps,
        );
        // Its upstream is read too: 2.1.1 is in the listing.
        const drift = card(page, 'Version drift');
        await eventually(async () => {
          await page.reload();
          assert.equal(await text(fact(drift, 'Latest in lane')), '2.1.1');
        }, 60_000);
        await journey.shot('component');

        // In the catalog, next to the others.
        await visit(page, '/');
        await page
          .getByRole('textbox', { name: 'Search', exact: true })
          .fill(NEW_CONTAINER.slug);
        const row = page.getByRole('row').filter({
          has: page.getByRole('link', { name: NEW_CONTAINER.name }),
        });
        await row.waitFor();
        assert.match(await text(row), /container/);
        await journey.shot('catalog');

        // What the portal wrote: one commit of the folder and the README row, on its own branch.
        const checkout = portal.platformDir;
        assert.equal(
          await git(checkout, 'branch', '--show-current'),
          `dockyard/new-${NEW_CONTAINER.slug}`,
        );
        const files = (
          await git(checkout, 'show', '--name-only', '--format=', 'HEAD')
        ).split('\n');
        assert.ok(
          files.includes(`containers/${NEW_CONTAINER.slug}/container.yaml`),
        );
        assert.ok(files.includes('README.md'));
        const readme = await fs.readFile(join(checkout, 'README.md'), 'utf8');
        assert.ok(
          readme.includes(
            `[${NEW_CONTAINER.name}](containers/${NEW_CONTAINER.slug}/)`,
          ),
        );
        const yamlText = await fs.readFile(
          join(checkout, 'containers', NEW_CONTAINER.slug, 'container.yaml'),
          'utf8',
        );
        const written = parseYaml(yamlText);
        assert.equal(
          written.runtime.env[0].default,
          'jobmanager.rpc.address: jobmanager',
        );
        assert.equal(written.version.source.regex, NEW_CONTAINER.regex);
      });
    },
  );

  // Long on purpose: one user journey, step by step in one page, its screenshots in order.
  it(
    "2. reads a container's version drift card and its rollback card",
    { timeout: JOURNEY_TIMEOUT_MS },
    async () => {
      const journey = await Journey.open('2-drift-and-rollback-cards', context);
      await journey.run(async ({ page }) => {
        // From the catalog, as a person finds it.
        await visit(page, '/');
        await page.getByRole('link', { name: 'Trino', exact: true }).click();
        await page
          .getByRole('heading', { name: 'Trino', exact: true })
          .waitFor();
        await journey.shot('component');

        // The drift card shows what the stand-in's GitHub releases say.
        const releases = platformFeeds().githubReleases['trinodb/trino'];
        const latest = releases[0];
        const current = releases.find(r => r.tag === '476')!;
        const drift = card(page, 'Version drift');
        await overallStatusIs(drift, 'Behind');
        assert.equal(await text(fact(drift, 'Current')), '476');
        assert.equal(
          await text(fact(drift, 'Latest in lane')),
          `${latest.tag} released ${latest.daysAgo} days ago`,
        );
        const releasesBehind = releases.indexOf(current);
        assert.equal(
          await text(fact(drift, 'How far behind')),
          `2 major · ${releasesBehind} releases · ${
            current.daysAgo - latest.daysAgo
          } days`,
        );
        const upstreamLink = fact(drift, 'Upstream').getByRole('link');
        assert.equal(await linkText(upstreamLink), 'github:trinodb/trino');
        assert.equal(
          await upstreamLink.getAttribute('href'),
          'https://github.com/trinodb/trino/releases',
        );
        const notes = fact(drift, 'Release notes').getByRole('link');
        assert.equal(await linkText(notes), `Release notes of ${latest.tag}`);
        assert.equal(
          await notes.getAttribute('href'),
          `https://github.com/trinodb/trino/releases/tag/${latest.tag}`,
        );
        assert.match(await text(fact(drift, 'Checked')), /ago$/);
        // Its base image tag was rebuilt upstream (another digest): the pinned versions say so,
        // and the card's status stays Behind, the worse of the two.
        const pinned = pinnedBaseImages().find(
          p => p.container === REBUILT_BASE.container,
        )!;
        const main = await pinnedVersion(drift, 'Main version');
        assert.match(
          main,
          /^Behind Main version github:trinodb\/trino 476 → 478/,
        );
        const base = await pinnedVersion(drift, 'Base image');
        assert.match(
          base,
          new RegExp(
            `^Rebuilt upstream Base image ${escapeRegExp(
              pinned.image,
            )} ${escapeRegExp(
              `${pinned.tag}@${shortDigest(pinned.digest)}`,
            )} · rebuilt upstream ${
              REBUILT_BASE.createdDaysAgo
            } days ago, now ${escapeRegExp(
              shortDigest(rebuiltDigest(pinned)),
            )} · checked`,
          ),
        );
        await journey.shot('drift-card', drift);

        // The rollback card: the steps of trino's container.yaml, in order, and the links.
        const file = parseYaml(
          await fs.readFile(
            join(portal.platformDir, 'containers/trino/container.yaml'),
            'utf8',
          ),
        );
        const rollback = card(page, 'Iceberg catalog and rollback');
        await rollback.getByText('Rollback to Hive Metastore').waitFor();
        const steps = rollback
          .getByRole('list', { name: 'Rollback steps' })
          .getByRole('listitem');
        assert.deepEqual(
          (await steps.allInnerTexts()).map(s => s.replace(/\s+/g, ' ').trim()),
          (file.catalog.rollback.steps as string[]).map(s =>
            s.replace(/\s+/g, ' ').trim(),
          ),
        );
        const verify = rollback
          .getByRole('list', { name: 'Verification steps' })
          .getByRole('listitem');
        assert.equal(
          await verify.count(),
          file.catalog.rollback.verification.length,
        );
        // The files it names open in the portal: the runbook, and the config files.
        const runbook = rollback.getByRole('link', { name: 'Runbook' });
        const runbookPath = file.catalog.rollback.runbook as string;
        assert.equal(
          new URL(
            (await runbook.getAttribute('href'))!,
            portal.appUrl,
          ).searchParams.get('containerFile'),
          runbookPath,
        );
        for (const use of file.catalog.uses as Array<{
          config_file?: string;
        }>) {
          if (!use.config_file) continue;
          const link = rollback
            .getByRole('link', {
              name: new RegExp(`^${escapeRegExp(use.config_file)}\\b`),
            })
            .first();
          assert.equal(
            new URL(
              (await link.getAttribute('href'))!,
              portal.appUrl,
            ).searchParams.get('containerFile'),
            use.config_file,
          );
        }
        // Ticking a step crosses it off (a checklist to work through).
        await steps.first().getByRole('checkbox').check();
        assert.equal(
          await steps.first().getByRole('checkbox').isChecked(),
          true,
        );
        await journey.shot('rollback-card', rollback);
        // The component page with both cards passes axe-core (no serious or critical finding).
        await assertAccessible(page, 'component-page-cards', journey.dir);

        // Following the runbook link shows the runbook itself.
        await runbook.click();
        const viewer = page.getByRole('dialog', { name: runbookPath });
        const runbookTitle = (
          await fs.readFile(
            join(portal.platformDir, 'containers/trino', runbookPath),
            'utf8',
          )
        )
          .split('\n')[0]
          .replace(/^#\s+/, '');
        await viewer.getByRole('heading', { name: runbookTitle }).waitFor();
        await journey.shot('runbook', viewer);
        await assertAccessible(page, 'file-viewer', journey.dir);
        await viewer.getByRole('button', { name: 'Close' }).click();
        await viewer.waitFor({ state: 'hidden' });

        // The Container tab: runtime, build, publish and upstream of the same container.
        await visit(page, '/catalog/default/component/trino/container');
        await card(page, 'Upstream version').waitFor();
        await card(page, 'Build').waitFor();
        await journey.shot('container-tab');
        await assertAccessible(page, 'container-tab', journey.dir);
      });
    },
  );

  it(
    '3. tracks drift: a new upstream release changes the status on the component page and the overview, and its owner is notified once',
    { timeout: JOURNEY_TIMEOUT_MS },
    async () => {
      const journey = await Journey.open('3-track-drift', context);
      await journey.run(async ({ page }) => {
        const summary = (label: string) =>
          page
            .getByRole('group', { name: 'Drift summary' })
            .getByRole('button', { name: new RegExp(`^\\d+ ${label}`) });
        const count = async (label: string) =>
          Number((await text(summary(label))).split(' ')[0]);
        const nessieRow = page
          .getByRole('table', { name: 'Container drift' })
          .getByRole('row')
          .filter({ has: page.getByRole('link', { name: 'Project Nessie' }) });

        // Before: nessie is up to date, on its page and on the overview.
        await visitEntity(page, 'nessie', 'Project Nessie');
        const drift = card(page, 'Version drift');
        await overallStatusIs(drift, 'Up to date');
        await drift
          .getByText('0.105.1 is the latest release in its lane.')
          .waitFor();
        // Up to date overall: its base image too (the tag still points at the pinned digest).
        assert.match(
          await pinnedVersion(drift, 'Base image'),
          /^Up to date Base image docker\.io\/library\/eclipse-temurin 21-jre-noble@sha256:/,
        );
        await journey.shot('nessie-up-to-date', drift);
        await visit(page, '/containers');
        await nessieRow.waitFor();
        assert.match(await text(nessieRow), /Up to date 0\.105\.1 0\.105\.1/);
        const upToDate = await count('Up to date');
        const behind = await count('Behind');
        await journey.shot('overview-before');
        await assertAccessible(page, 'drift-overview', journey.dir);

        // Upstream publishes nessie 0.106.0.
        upstream.feeds.githubReleases['projectnessie/nessie'].unshift({
          tag: 'nessie-0.106.0',
          daysAgo: 2,
        });

        // A person asks for a check from the component page.
        await visitEntity(page, 'nessie', 'Project Nessie');
        await drift.getByRole('button', { name: 'Check now' }).click();
        await overallStatusIs(drift, 'Behind');
        await drift
          .getByText('0.105.1 → 0.106.0 (1 minor · 1 release · 18 days behind)')
          .waitFor();
        assert.equal(
          await text(fact(drift, 'Latest in lane')),
          '0.106.0 released 2 days ago',
        );
        assert.match(await text(fact(drift, 'Checked')), /seconds? ago|now/);
        await journey.shot('nessie-behind', drift);

        // The overview says the same, and its counts moved by one.
        await visit(page, '/containers');
        await eventually(async () => {
          assert.match(await text(nessieRow), /Behind 0\.105\.1 0\.106\.0/);
        });
        assert.equal(await count('Up to date'), upToDate - 1);
        assert.equal(await count('Behind'), behind + 1);
        await journey.shot('overview-after');
        // Filtering by the summary keeps nessie among the containers behind, and only those
        // (a base image may still be up to date in its own column).
        await summary('Behind').click();
        await nessieRow.waitFor();
        const statuses = await page
          .getByRole('table', { name: 'Container drift' })
          .locator('tbody tr td:nth-child(2)')
          .allInnerTexts();
        assert.ok(statuses.length >= 1);
        for (const status of statuses) assert.match(status, /^Behind\b/);
        await journey.shot('overview-behind-only');

        // nessie's owner is told, once: the guest is a member of its team (guest-user.yaml).
        const told = page.getByRole('link', {
          name: 'nessie is 1 minor behind: 0.105.1 → 0.106.0',
          exact: true,
        });
        await visit(page, '/notifications');
        await eventually(async () => assert.equal(await told.count(), 1));
        assert.match(
          (await told.getAttribute('href')) ?? '',
          /\/catalog\/default\/component\/nessie$/,
        );
        await journey.shot('notification');
        // Its link opens nessie's page, where the drift card is.
        await told.click();
        await page
          .getByRole('heading', { name: 'Project Nessie', exact: true })
          .waitFor();
        await overallStatusIs(card(page, 'Version drift'), 'Behind');
        // Read, it leaves the unread list (opening its link may already have marked it). The
        // list has loaded once it shows spark's failing checks (its feed is not allowed here).
        const loaded = page.getByRole('link', {
          name: /^Upstream checks of spark failed/,
        });
        await visit(page, '/notifications');
        await loaded.waitFor();
        if ((await told.count()) > 0) {
          await page
            .getByRole('row')
            .filter({ has: told })
            .getByRole('button', { name: 'Mark selected as read' })
            .click();
        }
        await eventually(async () => assert.equal(await told.count(), 0));
        // The scheduled checks after it find nessie still behind: nothing new to tell, so it
        // stays read (sent again, the notifications backend would mark it unread).
        const readAt = Date.now();
        await eventually(async () => {
          const feed = upstream.requestsFor(
            '/github/repos/projectnessie/nessie/',
          );
          assert.ok(feed.some(r => r.at > readAt && r.status > 0));
        }, 60_000);
        await sleep(3_000);
        await visit(page, '/notifications');
        await loaded.waitFor();
        assert.equal(await told.count(), 0);
      });
    },
  );
  // Long on purpose: one user journey, step by step in one page, its screenshots in order.
  it(
    '4. bumps a behind container from its drift card: one commit on a branch, and the card follows',
    { timeout: JOURNEY_TIMEOUT_MS },
    async () => {
      const journey = await Journey.open('4-bump-container', context);
      await journey.run(async ({ page }) => {
        const checkout = portal.platformDir;
        const yamlFile = 'containers/trino/container.yaml';
        const runbook = parseYaml(
          await fs.readFile(join(checkout, yamlFile), 'utf8'),
        ).catalog.rollback.runbook as string;
        const startedFrom = await git(checkout, 'rev-parse', 'HEAD');

        // Trino is two major releases behind (476 → 478): the card says so before the button.
        await visitEntity(page, 'trino', 'Trino');
        const drift = card(page, 'Version drift');
        await overallStatusIs(drift, 'Behind');
        const warning = drift
          .getByRole('alert')
          .filter({ hasText: 'Major version: read the rollback notes first' });
        await warning.waitFor();
        const notes = warning.getByRole('link', { name: /^rollback notes/ });
        assert.equal(
          new URL(
            (await notes.getAttribute('href'))!,
            portal.appUrl,
          ).searchParams.get('containerFile'),
          runbook,
        );
        const bump = drift.getByRole('button', { name: 'Bump to 478' });
        await bump.waitFor();
        await journey.shot('drift-card-behind', drift);
        await bump.click();

        // The Bump container template, filled in from the card.
        await page.waitForURL(
          /\/create\/templates\/default\/bump-container\?formData=/,
        );
        const version = page.getByRole('textbox', { name: 'New version' });
        await version.waitFor();
        assert.equal(await version.inputValue(), '478');
        // The container picker holds the card's entity ref (once it has read the catalog).
        await eventually(async () =>
          assert.equal(
            await page.getByRole('textbox', { name: 'Container' }).inputValue(),
            'component:default/trino',
          ),
        );
        await journey.shot('form');
        await page.getByRole('button', { name: 'Next' }).click();
        await page
          .getByRole('button', { name: /^Publish to This portal's checkout/ })
          .waitFor();
        await page.getByRole('button', { name: 'Review' }).click();
        await journey.shot('review');
        await page.getByRole('button', { name: 'Create' }).click();

        // The task: the bump committed on its own branch.
        const open = page.getByRole('link', { name: 'Open the component' });
        await open.waitFor({ timeout: 90_000 });
        await page
          .getByText('dockyard/bump-trino-478', { exact: true })
          .waitFor();
        await journey.shot('task-done');

        // One commit on what was checked out; its diff is the version line, the Dockerfile's
        // ARG defaults that follow it, and the README row.
        assert.equal(
          await git(checkout, 'branch', '--show-current'),
          'dockyard/bump-trino-478',
        );
        assert.equal(await git(checkout, 'rev-parse', 'HEAD~1'), startedFrom);
        assert.equal(
          await git(checkout, 'log', '-1', '--format=%s'),
          'Bump Trino from 476 to 478',
        );
        assert.deepEqual(
          (await git(checkout, 'show', '--name-only', '--format=', 'HEAD'))
            .split('\n')
            .sort(),
          ['README.md', 'containers/trino/Dockerfile', yamlFile],
        );
        const changed = async (file: string) =>
          (await git(checkout, 'diff', '-U0', 'HEAD~1', 'HEAD', '--', file))
            .split('\n')
            .filter(l => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));
        assert.deepEqual(await changed(yamlFile), [
          '-  current: "476"',
          '+  current: "478"',
        ]);
        assert.deepEqual(await changed('containers/trino/Dockerfile'), [
          '-ARG TRINO_VERSION=476',
          '+ARG TRINO_VERSION=478',
          '-ARG TRINO_VERSION=476',
          '+ARG TRINO_VERSION=478',
        ]);
        const readmeRow = await changed('README.md');
        assert.equal(readmeRow.length, 2);
        assert.match(
          readmeRow[1],
          /^\+\| \[Trino\]\(containers\/trino\/\) \|.*\| 478 \|/,
        );

        // The catalog read the checkout again: a check of trino now finds it up to date at 478.
        await open.click();
        await eventually(async () => {
          await visitEntity(page, 'trino', 'Trino');
          await drift.getByRole('button', { name: 'Check now' }).click();
          await drift
            .getByText('478 is the latest release in its lane.')
            .waitFor({ timeout: 10_000 });
        }, 90_000);
        assert.equal(await text(fact(drift, 'Current')), '478');
        assert.equal(
          await drift.getByRole('button', { name: /^Bump to/ }).count(),
          0,
        );
        // What is left is its base image, rebuilt upstream: now the card's status, and why.
        await overallStatusIs(drift, 'Rebuilt upstream');
        await drift.getByText('The base image was rebuilt upstream.').waitFor();
        await journey.shot('drift-card-after', drift);

        // The overview lists trino among the containers that need a rebuild, and only it.
        await visit(page, '/containers');
        await page
          .getByRole('group', { name: 'Drift summary' })
          .getByRole('button', { name: /^1 Needs rebuild/ })
          .click();
        const rows = page
          .getByRole('table', { name: 'Container drift' })
          .locator('tbody tr');
        await eventually(async () => {
          assert.deepEqual(
            (await rows.allInnerTexts()).map(row => row.split(/\s+/)[0]),
            ['Trino'],
          );
        });
        assert.match(
          await text(rows.first()),
          new RegExp(
            `^Trino Rebuilt upstream from base image 478 478 Rebuilt upstream 24-jre-noble rebuilt ${REBUILT_BASE.createdDaysAgo} days ago`,
          ),
        );
        await journey.shot('overview-needs-rebuild');
      });
    },
  );
});
