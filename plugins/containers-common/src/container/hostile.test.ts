import fs from 'node:fs';
import path from 'node:path';
import { formatProblem, parseContainerYaml } from '.';

/**
 * container.yaml is input from anyone who can open a pull request, and the backend parses it in
 * its own event loop: each file of src/__fixtures__/hostile is one way to attack that, and each
 * must end in a clear error at the right line, quickly.
 */

const FIXTURES = path.resolve(__dirname, '../__fixtures__');
const HOSTILE_DIR = path.join(FIXTURES, 'hostile');

/**
 * Far above what any of these files takes (a few to a few hundred milliseconds), low enough to
 * catch a pattern or a step that is quadratic again (those took 7 to 30 seconds).
 */
const BUDGET_MS = 2000;

interface Expected {
  /** `severity line:column path rule` of every problem, in order (the first ones when capped). */
  problems: string[];
  /** Words the messages must hold, one problem each, in order. */
  messages?: string[];
  /** How many problems in all, when more than `problems` lists. */
  count?: number;
}

const HOSTILE: Record<string, Expected> = {
  'catastrophic-pattern.yaml': {
    // ^(?<major>a+)+$ and the like run in linear time (re2js): only the two below are refused.
    problems: [
      'error 18:9 version.filter.exclude_regex[1] schema',
      'error 19:9 version.filter.exclude_regex[2] schema',
    ],
    messages: ['counts go up to 1000', 'must be at most 512 characters'],
  },
  'huge-strings.yaml': {
    problems: [
      'error 8:12 maintainers[0].email schema',
      'error 13:13 links.homepage schema',
    ],
    messages: [
      'must be at most 254 characters, not 100,013',
      'must be at most 2,048 characters, not 100,009',
    ],
  },
  'token-unresolved.yaml': {
    problems: [
      'error 12:13 links.homepage token',
      'error 14:10 publish.image token',
      'error 16:7 publish.tags[0] token',
    ],
    messages: [
      'token !x names no field',
      'in publish.image, an ! before a letter always starts a token',
      'token !nothing names no field',
    ],
  },
  'token-resolves-badly.yaml': {
    problems: [
      'error 13:18 links.documentation schema',
      'error 15:10 publish.image schema',
      'error 17:7 publish.tags[0] schema',
    ],
    messages: [
      'must be an http(s) URL (after resolving tokens: "javascript:alert(2)")',
      'must be an image name without tag or digest',
      'must be an image tag',
    ],
  },
  'token-smuggled.yaml': {
    problems: ['error 12:13 links.homepage token'],
    messages: ['resolves to "javascript:alert(1)//!x", which still holds !x'],
  },
  'token-bomb.yaml': {
    problems: [
      'error 17:9 build.args.A4 token',
      'error 18:9 build.args.A5 token',
      'error 19:9 build.args.A6 token',
      'error 20:9 build.args.A7 token',
      'error 24:11 publish.labels.bomb token',
    ],
    messages: [
      'resolves to more than 16,384 characters',
      'token !build.args.A4 refers to build.args.A4, which cannot be resolved: resolves to more than 16,384 characters',
    ],
  },
  'token-chain.yaml': {
    problems: [
      'error 30:10 build.args.A17 token',
      'error 31:10 build.args.A18 token',
      'error 32:10 build.args.A19 token',
      'error 33:10 build.args.A20 token',
    ],
    messages: ['its tokens refer to tokens more than 16 deep'],
  },
  'script-links.yaml': {
    problems: [
      'error 7:12 maintainers[0].email schema',
      'error 12:13 links.homepage schema',
      'error 13:11 links.source schema',
      'error 14:18 links.documentation schema',
      'error 19:12 catalog.uses[0].uri schema',
      'error 21:10 catalog.decision.adr schema',
      'error 23:14 catalog.rollback.runbook schema',
      'error 26:20 catalog.compose_example schema',
    ],
    messages: [
      'must be an e-mail address',
      'must be an http(s) URL',
      'must be an http(s) URL',
      'must be an http(s) URL',
      'must be a catalog endpoint URI',
      'or an http(s) URL',
      'or an http(s) URL',
      'or an http(s) URL',
    ],
  },
  'path-github.yaml': {
    problems: [
      'error 12:11 version.source.repo schema',
      'error 13:11 version.source.host schema',
    ],
    messages: ['must be owner/name', 'must be a host name'],
  },
  'path-github-name.yaml': {
    problems: [
      'error 12:11 version.source.repo schema',
      'error 13:11 version.source.host schema',
    ],
  },
  'path-docker.yaml': {
    problems: ['error 12:12 version.source.image schema'],
    messages: ['must be an image name with its registry host first'],
  },
  'path-npm.yaml': {
    problems: ['error 12:14 version.source.package schema'],
    messages: ['must be a package name'],
  },
  'path-pypi.yaml': {
    problems: ['error 11:14 version.component schema'],
    messages: ['must be a package name'],
  },
  'path-maven.yaml': {
    problems: ['error 12:14 version.source.package schema'],
  },
  'path-helm.yaml': {
    problems: ['error 13:12 version.source.chart schema'],
    messages: ['must be a name in lower case letters'],
  },
  'path-endoflife.yaml': {
    problems: ['error 12:14 version.source.product schema'],
  },
  'path-catalog.yaml': {
    problems: [
      'error 16:20 catalog.uses[0].config_file schema',
      'error 18:10 catalog.decision.adr schema',
      'error 20:14 catalog.rollback.runbook schema',
      'error 24:15 catalog.rollback.config_changes[0].file schema',
      'error 27:20 catalog.compose_example schema',
    ],
    messages: [
      'climbs out of the repository',
      'must be a path relative to the container folder',
      'climbs out of the repository',
      'must be a path relative to the container folder',
      'must be a path relative to the container folder',
    ],
  },
  'deep-flow.yaml': {
    problems: ['error 12:71 runtime.cmd[0] too-large'],
    messages: ['nested more than 64 levels deep here'],
  },
  'merge-bomb.yaml': {
    problems: ['error 13:8 - alias-bomb'],
    messages: ['an alias-expansion bomb'],
  },
  'problem-flood.yaml': {
    problems: ['error 11:1 unknown_0 schema', 'error 12:1 unknown_1 schema'],
    count: 101,
  },
  'duplicate-keys.yaml': {
    problems: [
      'error 15:5 publish.labels.same duplicate-key',
      'error 16:5 publish.labels.same duplicate-key',
    ],
    messages: ['duplicate key "same" — a key may appear once per mapping'],
    count: 101,
  },
  'huge-key.yaml': {
    problems: [
      'error 11:3 ["kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…"] schema',
    ],
    messages: ['unknown field "kkkkk'],
  },
};

/** Attacks whose files already sit with the broken ones. */
const REUSED: Record<string, Expected> = {
  'broken/alias-bomb.yaml': {
    problems: ['error 12:9 - alias-bomb'],
    messages: ['an alias-expansion bomb'],
  },
  'broken/too-deep.yaml': {
    problems: ['error 75:129 - too-large'],
    messages: ['nested more than 64 levels deep'],
  },
};

function summary(problem: {
  severity: string;
  line: number;
  column: number;
  path: string;
  rule: string;
}) {
  return `${problem.severity} ${problem.line}:${problem.column} ${
    problem.path || '-'
  } ${problem.rule}`;
}

describe('hostile files (src/__fixtures__/hostile)', () => {
  it('every file has its expectations here', () => {
    const files = fs
      .readdirSync(HOSTILE_DIR)
      .filter(f => f.endsWith('.yaml'))
      .sort();
    expect(files).toEqual(Object.keys(HOSTILE).sort());
  });

  it.each(
    Object.entries({
      ...Object.fromEntries(
        Object.entries(HOSTILE).map(([name, e]) => [`hostile/${name}`, e]),
      ),
      ...REUSED,
    }),
  )('%s: a clear error at its line, in time', (name, expected) => {
    const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
    const file = path.basename(name);
    const started = performance.now();
    const result = parseContainerYaml(text, { file, folderName: 'example' });
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(BUDGET_MS);
    expect(result.ok).toBe(false);
    expect(result.container).toBeUndefined();
    expect(result.problems.length).toBe(
      expected.count ?? expected.problems.length,
    );
    expect(
      result.problems.slice(0, expected.problems.length).map(summary),
    ).toEqual(expected.problems);
    (expected.messages ?? []).forEach((words, i) => {
      expect(result.problems[i].message).toContain(words);
    });
    for (const problem of result.problems) {
      // A message repeats what the file says, not all of it.
      expect(formatProblem(problem).length).toBeLessThan(600);
    }
  });

  it('says when it stopped reporting', () => {
    const text = fs.readFileSync(
      path.join(HOSTILE_DIR, 'problem-flood.yaml'),
      'utf8',
    );
    const { problems } = parseContainerYaml(text, { file: 'x.yaml' });
    expect(problems[problems.length - 1]).toMatchObject({
      path: '',
      rule: 'too-many-problems',
      line: 110,
      message:
        'stopped after 100 problems — fix these and validate again to see the rest',
    });
  });
});
