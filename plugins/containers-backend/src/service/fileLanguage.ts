import { posix } from 'node:path';

/** File names that say what they hold without an extension. */
const BY_NAME: Record<string, string> = {
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
  makefile: 'makefile',
};

/** Extensions of the files a platform keeps next to its images, by highlight.js language. */
const BY_EXTENSION: Record<string, string> = {
  md: 'markdown',
  markdown: 'markdown',
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  properties: 'properties',
  // spark-defaults.conf and friends are `key value` lines, which the properties grammar reads.
  conf: 'properties',
  ini: 'ini',
  cfg: 'ini',
  toml: 'ini',
  sh: 'bash',
  bash: 'bash',
  py: 'python',
  sql: 'sql',
  xml: 'xml',
  js: 'javascript',
  ts: 'typescript',
  dockerfile: 'dockerfile',
  txt: 'plaintext',
};

/**
 * The highlight.js language of a file, from its name: what the frontend highlights it with,
 * and `markdown` is rendered rather than shown as source. `plaintext` when unknown.
 */
export function fileLanguage(path: string): string {
  const name = posix.basename(path.replace(/\\/g, '/')).toLowerCase();
  const known = BY_NAME[name];
  if (known) {
    return known;
  }
  // Dockerfile.spark, Dockerfile-dev
  if (/^(docker|container)file[.-]/.test(name)) {
    return 'dockerfile';
  }
  // compose.yaml.template, app.properties.example: the extension before the suffix tells.
  const parts = name.split('.').slice(1);
  for (const extension of parts.reverse()) {
    if (BY_EXTENSION[extension]) {
      return BY_EXTENSION[extension];
    }
  }
  return 'plaintext';
}
