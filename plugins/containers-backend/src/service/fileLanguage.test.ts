import { fileLanguage } from './fileLanguage';

describe('fileLanguage', () => {
  it.each([
    ['../../docs/runbooks/iceberg-catalog-rollback.md', 'markdown'],
    ['../../docs/compose/docker-compose.rest.yaml', 'yaml'],
    ['conf/spark-defaults.conf', 'properties'],
    ['etc/catalog/lakehouse.properties', 'properties'],
    ['Dockerfile', 'dockerfile'],
    ['build/Dockerfile.spark', 'dockerfile'],
    ['bin/entrypoint.sh', 'bash'],
    ['tests/smoke.py', 'python'],
    ['config/settings.JSON', 'json'],
    ['compose.yaml.template', 'yaml'],
    ['etc/jvm.config', 'plaintext'],
    ['LICENSE', 'plaintext'],
    ['notes.unknown', 'plaintext'],
  ])('%s is %s', (path, language) => {
    expect(fileLanguage(path)).toBe(language);
  });
});
