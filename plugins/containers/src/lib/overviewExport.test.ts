import type { DriftRecord } from '@dockyard/plugin-containers-common';
import {
  csvField,
  overviewRowsToCsv,
  overviewRowsToJson,
} from './overviewExport';
import { buildOverviewRows } from './overviewRows';

const DIGEST = `sha256:${'a'.repeat(64)}`;

const rows = buildOverviewRows(
  [
    {
      entityRef: 'component:default/trino',
      slug: 'trino',
      strategy: 'github-release',
      source: 'github:trinodb/trino',
      current: '476',
      latest: '478',
      status: 'behind',
      behind: { major: 2, minor: 0, patch: 0, releases: 2, days: 30 },
      checkedAt: '2025-11-03T12:00:00.000Z',
      baseImage: {
        image: 'docker.io/library/eclipse-temurin',
        tag: '24-jre',
        digest: DIGEST,
        latestDigest: DIGEST,
        status: 'up-to-date',
      },
    },
    {
      entityRef: 'component:default/evil',
      slug: 'evil',
      strategy: 'github-release',
      current: '1.0',
      status: 'error',
      checkedAt: '2025-11-03T12:00:00.000Z',
      error: '=HYPERLINK("http://x.invalid","click"), then "more"\nline two',
    },
  ] satisfies DriftRecord[],
  [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'trino',
        title: 'Trino',
        description: 'Distributed SQL, "fast", on Iceberg',
        tags: ['sql', 'iceberg'],
      },
      spec: { type: 'container', owner: 'group:default/query' },
    },
  ],
);

describe('csvField', () => {
  it('leaves plain text, numbers and booleans as they are', () => {
    expect(csvField('trino')).toBe('trino');
    expect(csvField(3)).toBe('3');
    expect(csvField(false)).toBe('false');
    expect(csvField(undefined)).toBe('');
    expect(csvField(['sql', 'iceberg'])).toBe('sql iceberg');
  });

  it('quotes quotes, commas and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('one\r\ntwo')).toBe('"one\r\ntwo"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvField(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvField('@cmd|calc')).toBe("'@cmd|calc");
    // Defused, then quoted for its comma and quotes.
    expect(csvField('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
    // Only at the start: a version with a dash inside is left alone.
    expect(csvField('3.12-slim')).toBe('3.12-slim');
  });
});

describe('overviewRowsToCsv', () => {
  it('writes a header and one line per row, in the order given', () => {
    const csv = overviewRowsToCsv(rows);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, trino] = csv.split('\r\n');
    const names = header.split(',');
    expect(names.slice(0, 5)).toEqual([
      'container',
      'entityRef',
      'status',
      'statusFrom',
      'current',
    ]);
    const field = (name: string) => {
      // trino's line has no quoted commas but its summary; split around it.
      const cells = trino.replace(/"[^"]*(""[^"]*)*"/g, 'QUOTED').split(',');
      return cells[names.indexOf(name)];
    };
    expect(field('container')).toBe('Trino');
    expect(field('behindMajor')).toBe('2');
    expect(field('daysBehind')).toBe('30');
    expect(field('baseImage')).toBe(
      `docker.io/library/eclipse-temurin:24-jre@${DIGEST}`,
    );
    expect(field('upstream')).toBe('github:trinodb/trino');
    expect(field('tags')).toBe('sql iceberg');
    expect(field('owner')).toBe('group:default/query');
    expect(trino).toContain('"Distributed SQL, ""fast"", on Iceberg"');
  });

  it('keeps a hostile error message in one defused, quoted field', () => {
    const csv = overviewRowsToCsv(rows);
    expect(csv).toContain(
      '"\'=HYPERLINK(""http://x.invalid"",""click""), then ""more""\nline two"\r\n',
    );
  });
});

describe('overviewRowsToJson', () => {
  it('writes typed values and leaves out what is missing', () => {
    const [trino, evil] = JSON.parse(overviewRowsToJson(rows));
    expect(trino).toMatchObject({
      container: 'Trino',
      status: 'behind',
      behindMajor: 2,
      needsRebuild: false,
      tags: ['sql', 'iceberg'],
      summary: 'Distributed SQL, "fast", on Iceberg',
      upstream: 'github:trinodb/trino',
    });
    expect(evil).not.toHaveProperty('latest');
    expect(evil.error).toMatch(/^=HYPERLINK/);
  });
});
