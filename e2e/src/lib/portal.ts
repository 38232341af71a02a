import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  freePort,
  ManagedProcess,
  REPO_ROOT,
  startProcess,
  waitFor,
} from './processes';
import { FakeUpstream } from './upstream';

const run = promisify(execFile);

/** Runs git in `cwd` and returns its output. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: { ...process.env, LC_ALL: 'C' },
  });
  return stdout.trim();
}

/** The portal `make start` runs, on ports of its own, with the e2e config overlay. */
export interface Portal {
  appUrl: string;
  backendUrl: string;
  /** The throwaway clone of this repository the portal treats as the platform checkout. */
  platformDir: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * Starts the portal exactly as `make start` does (`yarn start`, i.e. `backstage-cli repo start`:
 * the app's dev server and the backend), with `--config app-config.yaml --config
 * e2e/app-config.e2e.yaml`. The overlay points the drift sources at `upstream`, and the catalog and
 * the scaffolder at a fresh clone of this repository, so a journey never writes into the
 * developer's working tree.
 */
export async function startPortal(options: {
  upstream: FakeUpstream;
  logFile: string;
}): Promise<Portal> {
  const scratch = await fs.mkdtemp(join(tmpdir(), 'dockyard-e2e-'));
  const platformDir = join(scratch, 'platform');
  // The committed tree of the current branch: what CI tests, whatever the working tree holds.
  await git(
    REPO_ROOT,
    'clone',
    '--quiet',
    '--no-hardlinks',
    REPO_ROOT,
    platformDir,
  );
  await git(platformDir, 'config', 'user.name', 'Dockyard e2e');
  await git(platformDir, 'config', 'user.email', 'e2e@dockyard.invalid');

  const [appPort, backendPort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const portal = await startProcess({
    name: 'portal (yarn start)',
    command: 'yarn',
    args: [
      'start',
      '--config',
      join(REPO_ROOT, 'app-config.yaml'),
      '--config',
      join(REPO_ROOT, 'e2e/app-config.e2e.yaml'),
    ],
    cwd: REPO_ROOT,
    env: {
      DOCKYARD_E2E_APP_PORT: String(appPort),
      DOCKYARD_E2E_BACKEND_PORT: String(backendPort),
      DOCKYARD_E2E_UPSTREAM: options.upstream.url('portal'),
      DOCKYARD_E2E_UPSTREAM_HOST: options.upstream.host,
      DOCKYARD_E2E_PLATFORM: platformDir,
      // The dev server would try to open a browser tab.
      BROWSER: 'none',
    },
    logFile: options.logFile,
  });
  const stop = async () => {
    await portal.stop();
    await fs.rm(scratch, { recursive: true, force: true });
  };
  try {
    const abort = portal.failOnExit();
    await waitFor(
      `the backend on ${backendUrl} (log: ${options.logFile})`,
      async () =>
        (
          await fetch(`${backendUrl}/.backstage/health/v1/readiness`)
        ).ok,
      { timeoutMs: 300_000, intervalMs: 1_000, abort },
    );
    await waitFor(
      `the app on ${appUrl} (log: ${options.logFile})`,
      async () => (await fetch(appUrl)).ok,
      { timeoutMs: 300_000, intervalMs: 1_000, abort },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { appUrl, backendUrl, platformDir, process: portal, stop };
}
