import { execFileSync } from 'node:child_process';
import { bumpBranchName } from './bumpBranch';

function isValidBranch(name: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', '--branch', name], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

describe('bumpBranchName', () => {
  it.each([
    ['trino', '478', 'dockyard/bump-trino-478'],
    ['polaris', '1.2.0-incubating', 'dockyard/bump-polaris-1.2.0-incubating'],
    [
      'minio',
      'RELEASE.2025-10-15T17-29-55Z',
      'dockyard/bump-minio-RELEASE.2025-10-15T17-29-55Z',
    ],
    ['debian', '1.0~rc1', 'dockyard/bump-debian-1.0-rc1'],
    ['x', '1..2', 'dockyard/bump-x-1.2'],
    ['x', '1.0.lock', 'dockyard/bump-x-1.0'],
    ['x', '1.0.', 'dockyard/bump-x-1.0'],
    ['x', '1.0+build.7', 'dockyard/bump-x-1.0+build.7'],
  ])('%s to %s is on %s, a valid git branch', (slug, version, branch) => {
    expect(bumpBranchName(slug, version)).toBe(branch);
    expect(isValidBranch(branch)).toBe(true);
  });
});
