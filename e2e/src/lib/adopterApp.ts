/*
 * The steps of the adopter test outside this repository: pack the published packages, make a
 * fresh app with @backstage/create-app from the registry, set its Backstage versions, follow the
 * README's install section in it, and start it.
 */
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import {
  addBackendLines,
  addCommandArgs,
  InstallBlock,
  meaningfulLines,
  mergeAppConfig,
  parseAddCommand,
} from './installSteps';
import { PackedManifest } from './packedPackage';
import { REPO_ROOT } from './processes';

const execFileAsync = promisify(execFile);

/**
 * The @backstage/create-app version that makes an app of each Backstage release (its template
 * writes the release into the app's backstage.json, which the test checks). Add a row when
 * backstage.json moves to another release.
 */
export const CREATE_APP_OF_RELEASE: Record<string, string> = {
  '1.55.0': '0.9.2',
};

/**
 * Native addons the create-app template brings that the test never runs (the API docs page's
 * tree-sitter parsers, keytar, ssh2's optional crypto, cpu-features): not compiled, to save
 * minutes of CI. better-sqlite3, the database of the started app, is built as usual.
 */
const UNUSED_NATIVE_ADDONS = [
  'keytar',
  'tree-sitter',
  'tree-sitter-json',
  '@tree-sitter-grammars/tree-sitter-yaml',
  'cpu-features',
  'ssh2',
];

/** The environment of commands run in an app: this one, without what the repository's yarn run set. */
export function appEnv(
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    // The e2e script's own yarn run (npm_package_*, npm_lifecycle_*, its project folder).
    if (
      (key.startsWith('npm_') && !key.startsWith('npm_config_')) ||
      ['INIT_CWD', 'PROJECT_CWD', 'BERRY_BIN_FOLDER', 'NODE_OPTIONS'].includes(
        key,
      )
    ) {
      continue;
    }
    env[key] = value;
  }
  return {
    ...env,
    // One download of each package for both apps and later runs (yarn's own cache folder).
    YARN_ENABLE_GLOBAL_CACHE: '1',
    // Adding packages changes the lockfile, which yarn forbids by default when CI is set.
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    ...extra,
  };
}

/** Runs a command to completion, its output in `logFile`; fails with the log's last lines. */
export async function runLogged(options: {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  timeoutMs: number;
}): Promise<void> {
  await fs.mkdir(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  log.write(`$ ${options.command} ${options.args.join(' ')}\n`);
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', fail);
    child.once('close', exit => {
      clearTimeout(timer);
      done(exit);
    });
  });
  await new Promise(done => log.end(done));
  if (code !== 0) {
    const tail = (await fs.readFile(options.logFile, 'utf8'))
      .split('\n')
      .slice(-40)
      .join('\n');
    throw new Error(
      `${options.command} ${options.args.join(' ')} (in ${
        options.cwd
      }) exited with ${code}; last lines of ${options.logFile}:\n${tail}`,
    );
  }
}

/** A published package, packed. */
export interface PackedPackage {
  name: string;
  tarball: string;
  /** Its source workspace. */
  sourceDir: string;
  /** Paths in the tarball, without `package/`. */
  entries: string[];
  manifest: PackedManifest;
}

/** `make pack` into `outDir`: every published package built and packed. */
export async function packPackages(
  outDir: string,
  logFile: string,
): Promise<PackedPackage[]> {
  await runLogged({
    command: join(REPO_ROOT, 'scripts/pack-packages.sh'),
    args: [outDir],
    cwd: REPO_ROOT,
    env: appEnv({ YARN_ENABLE_GLOBAL_CACHE: '0' }),
    logFile,
    timeoutMs: 20 * 60_000,
  });
  const { stdout } = await execFileAsync(
    'yarn',
    ['workspaces', 'list', '--json', '--no-private'],
    { cwd: REPO_ROOT },
  );
  const sources = new Map<string, string>(
    stdout
      .trim()
      .split('\n')
      .map(line => JSON.parse(line))
      .map(w => [w.name, join(REPO_ROOT, w.location)]),
  );
  const packed: PackedPackage[] = [];
  for (const file of (await fs.readdir(outDir)).sort()) {
    if (!file.endsWith('.tgz')) continue;
    const tarball = join(outDir, file);
    const list = await execFileAsync('tar', ['-tzf', tarball], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const manifestText = await execFileAsync('tar', [
      '-xzOf',
      tarball,
      'package/package.json',
    ]);
    const manifest = JSON.parse(manifestText.stdout) as PackedManifest;
    const sourceDir = sources.get(manifest.name);
    if (!sourceDir) {
      throw new Error(`${file}: ${manifest.name} is no published workspace`);
    }
    packed.push({
      name: manifest.name,
      tarball,
      sourceDir,
      entries: list.stdout
        .split('\n')
        .filter(Boolean)
        .map(entry => entry.replace(/^package\//, '')),
      manifest,
    });
  }
  return packed;
}

/**
 * `npx @backstage/create-app@<version> --path <dir> --skip-install`, as the Backstage docs say,
 * with npm's cache inside the scratch folder and create-app's fetch kept on this machine.
 */
export async function createBackstageApp(options: {
  version: string;
  dir: string;
  npmCache: string;
  logFile: string;
}): Promise<void> {
  await runLogged({
    command: 'npx',
    args: [
      '--yes',
      `@backstage/create-app@${options.version}`,
      '--path',
      options.dir,
      '--skip-install',
    ],
    // create-app checks `yarn --version` in its working folder: here, this repository's yarn.
    cwd: REPO_ROOT,
    env: appEnv({
      BACKSTAGE_APP_NAME: 'adopter',
      npm_config_cache: options.npmCache,
      NODE_OPTIONS: `--require=${join(
        REPO_ROOT,
        'e2e/src/lib/loopbackOnlyFetch.cjs',
      )}`,
    }),
    logFile: options.logFile,
    timeoutMs: 5 * 60_000,
  });
}

const APP_MANIFESTS = [
  'package.json',
  'packages/app/package.json',
  'packages/backend/package.json',
];

async function editJson(
  file: string,
  edit: (json: any) => void,
): Promise<void> {
  const json = JSON.parse(await fs.readFile(file, 'utf8'));
  edit(json);
  await fs.writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
}

/**
 * Holds a fresh app on one Backstage release: its @backstage/* dependencies exact (create-app
 * writes `^` ranges of the release's versions, which drift to later releases), and root
 * resolutions with this repository's pins for the packages they bring in turn. Returns where
 * create-app's versions and the pins disagree.
 */
export async function pinToRelease(
  appDir: string,
  pins: Record<string, string>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const manifest of APP_MANIFESTS) {
    await editJson(join(appDir, manifest), json => {
      for (const section of ['dependencies', 'devDependencies']) {
        for (const [name, range] of Object.entries<string>(
          json[section] ?? {},
        )) {
          if (!name.startsWith('@backstage/')) continue;
          const version = range.replace(/^\^/, '');
          if (pins[name] && pins[name] !== version) {
            problems.push(
              `${manifest}: create-app writes ${name} ${range}, this repository pins ${pins[name]}`,
            );
          }
          json[section][name] = version;
        }
      }
      if (manifest === 'package.json') {
        json.resolutions = { ...json.resolutions, ...pins };
      }
    });
  }
  return problems;
}

/** Sets every @backstage/* dependency of a fresh app to the registry's `latest` tag. */
export async function useLatestTags(appDir: string): Promise<void> {
  for (const manifest of APP_MANIFESTS) {
    await editJson(join(appDir, manifest), json => {
      for (const section of ['dependencies', 'devDependencies']) {
        for (const name of Object.keys(json[section] ?? {})) {
          if (name.startsWith('@backstage/')) json[section][name] = 'latest';
        }
      }
    });
  }
}

/**
 * The registry stand-in: root resolutions send every range of a Dockyard package (its own and
 * those between Dockyard packages) to its tarball, and the unused native addons are not built.
 */
export async function prepareInstall(
  appDir: string,
  packed: PackedPackage[],
): Promise<void> {
  await editJson(join(appDir, 'package.json'), json => {
    json.resolutions = {
      ...json.resolutions,
      ...Object.fromEntries(packed.map(p => [p.name, `file:${p.tarball}`])),
    };
    json.dependenciesMeta = {
      ...json.dependenciesMeta,
      ...Object.fromEntries(
        UNUSED_NATIVE_ADDONS.map(name => [name, { built: false }]),
      ),
    };
  });
}

/**
 * Does what the README's install blocks say, in order: runs each `yarn --cwd DIR add …` with
 * Dockyard packages taken from their tarballs, adds the backend lines, merges the YAML into
 * app-config.yaml.
 */
export async function followInstallSteps(options: {
  appDir: string;
  blocks: InstallBlock[];
  packed: PackedPackage[];
  logFile: string;
}): Promise<void> {
  const tarballs = new Map(options.packed.map(p => [p.name, p.tarball]));
  for (const block of options.blocks) {
    if (block.target === 'shell') {
      for (const line of meaningfulLines(block)) {
        await runLogged({
          command: 'yarn',
          args: addCommandArgs(parseAddCommand(line, block.where), tarballs),
          cwd: options.appDir,
          env: appEnv(),
          logFile: options.logFile,
          timeoutMs: 30 * 60_000,
        });
      }
    } else {
      const file = join(options.appDir, block.target);
      const text = await fs.readFile(file, 'utf8');
      await fs.writeFile(
        file,
        block.target === 'app-config.yaml'
          ? mergeAppConfig(text, block.text)
          : addBackendLines(text, meaningfulLines(block)),
      );
    }
  }
}

/**
 * The platform repository next to the app, as the README lays it out: a copy of this
 * repository's containers/ (the images), templates/ (New container, Bump container) and docs/
 * (the runbooks and compose examples container.yaml files point at).
 */
export async function copyPlatform(dir: string): Promise<string[]> {
  for (const folder of ['containers', 'templates', 'docs']) {
    await fs.cp(join(REPO_ROOT, folder), join(dir, folder), {
      recursive: true,
    });
  }
  return (await fs.readdir(join(dir, 'containers'), { withFileTypes: true }))
    .filter(e => e.isDirectory() && !/^[_.]/.test(e.name))
    .map(e => e.name)
    .sort();
}
