import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, REPO_TEMPLATE_DIR } from './repository';

describe('REPO_ROOT and REPO_TEMPLATE_DIR', () => {
  it('name the repository root and its container template', () => {
    const rootPackage = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
    );
    expect(rootPackage.workspaces).toContain('packages/*');
    expect(existsSync(path.join(REPO_TEMPLATE_DIR, 'container.yaml'))).toBe(
      true,
    );
  });
});
