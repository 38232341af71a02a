#!/usr/bin/env node
/*
 * Proves the install holds one coherent Backstage release (backstage.json):
 *  - private workspaces (the app, the backend, e2e, test helpers) and the root declare every
 *    @backstage/* package as the exact release pin from the root package.json `resolutions`;
 *  - published workspaces (no `"private": true`: the plugins and the CLI) declare their
 *    @backstage/* dependencies and peer dependencies as `^<pin>`, so an adopter on a later
 *    release within the caret keeps one copy of each, while their devDependencies, which never
 *    reach an adopter, stay exact; they never depend on a private workspace;
 *  - every @backstage/* package in yarn.lock is pinned there and resolves to one version, the
 *    pin (the resolutions hold this repository on the release whatever the ranges allow);
 *  - no @backstage/* package is installed twice under node_modules.
 * Exits 1 and lists every problem otherwise.
 */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const rootPkg = readJson(path.join(root, 'package.json'));
const release = readJson(path.join(root, 'backstage.json')).version;
const pins = Object.fromEntries(
  Object.entries(rootPkg.resolutions ?? {}).filter(([name]) =>
    name.startsWith('@backstage/'),
  ),
);
const problems = [];

// 1. Workspace manifests.
const workspaceDirs = rootPkg.workspaces.flatMap(pattern => {
  const base = path.join(root, pattern.replace(/\/\*$/, ''));
  if (!pattern.endsWith('/*')) return [base];
  return fs.existsSync(base)
    ? fs.readdirSync(base).map(d => path.join(base, d))
    : [];
});
const manifests = [root, ...workspaceDirs]
  .map(dir => path.join(dir, 'package.json'))
  .filter(file => fs.existsSync(file))
  .map(file => ({ file: path.relative(root, file) || 'package.json', pkg: readJson(file) }));
const privateNames = new Set(
  manifests.filter(m => m.pkg.private).map(m => m.pkg.name),
);
for (const { file, pkg } of manifests) {
  const published = !pkg.private;
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies']) {
    // What an adopter installs: a published package's dependencies and peer dependencies.
    const reachesAdopters = published && section !== 'devDependencies';
    for (const [name, range] of Object.entries(pkg[section] ?? {})) {
      if (reachesAdopters && privateNames.has(name)) {
        problems.push(`${file}: ${section} names ${name}, a private workspace adopters cannot install`);
      }
      if (!name.startsWith('@backstage/')) continue;
      const pin = pins[name];
      if (!pin) {
        problems.push(`${file}: ${name} has no release pin in the root resolutions`);
      } else if (reachesAdopters) {
        if (range !== `^${pin}`) {
          problems.push(`${file}: ${section}.${name} is "${range}", want "^${pin}" (published: a caret range from the release pin)`);
        }
      } else if (range !== pin) {
        problems.push(`${file}: ${section}.${name} is "${range}", want "${pin}" (${published ? 'devDependencies' : 'private workspaces'} stay on the exact release pin)`);
      }
    }
  }
}

// 2. yarn.lock: one version per @backstage package, each pinned.
const lock = fs.readFileSync(path.join(root, 'yarn.lock'), 'utf8');
const locked = new Map();
for (const m of lock.matchAll(/^"?(@backstage\/[^@"\s]+)@[^\n]*:\n {2}version: ([^\s]+)/gm)) {
  const versions = locked.get(m[1]) ?? new Set();
  versions.add(m[2]);
  locked.set(m[1], versions);
}
for (const [name, versions] of locked) {
  if (versions.size > 1) problems.push(`yarn.lock: ${name} resolves to ${[...versions].join(', ')}`);
  if (!pins[name]) problems.push(`yarn.lock: ${name} is not pinned in the root resolutions`);
  else if (!versions.has(pins[name])) problems.push(`yarn.lock: ${name} is ${[...versions]}, pinned ${pins[name]}`);
}

// 3. node_modules: no nested copies.
const nested = [];
const walk = (dir, depth) => {
  if (depth > 6 || !fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const child = path.join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      for (const sub of fs.readdirSync(child, { withFileTypes: true })) {
        if (!sub.isDirectory()) continue;
        const pkgDir = path.join(child, sub.name);
        if (entry.name === '@backstage' && depth > 0) nested.push(pkgDir);
        walk(path.join(pkgDir, 'node_modules'), depth + 1);
      }
    } else {
      walk(path.join(child, 'node_modules'), depth + 1);
    }
  }
};
walk(path.join(root, 'node_modules'), 0);
for (const dir of workspaceDirs) walk(path.join(dir, 'node_modules'), 1);
for (const dir of nested) problems.push(`node_modules: second copy at ${path.relative(root, dir)}`);

if (problems.length) {
  console.error(`Backstage release ${release}: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`Backstage release ${release}: ${locked.size} @backstage packages, each pinned and installed once`);
