// The script URLs below are the hostile input these tests feed in.
/* eslint-disable no-script-url */
import { safeHref } from './safeLink';

describe('safeHref', () => {
  it.each([
    ['https://github.com/apache/hive/tags'],
    ['http://archive.apache.org/dist/spark/'],
    ['https://wiki.example.com/adr/7?page=2&lang=en#rollback'],
    ['mailto:dp@example.com'],
    ['mailto:dp@example.com?subject=Spark%20rollback'],
  ])('keeps the absolute link %s', href => {
    expect(safeHref(href)).toBe(href);
  });

  it('returns absolute links as the URL parser reads them', () => {
    expect(safeHref('HTTPS://Example.COM')).toBe('https://example.com/');
    expect(safeHref('  https://example.com/x  ')).toBe('https://example.com/x');
  });

  it.each([
    ['docs/runbooks/rollback.md'],
    ['../../docs/adr/0001-iceberg-catalog.md#rollback'],
    ['./conf/spark-defaults.conf'],
    ['/catalog/default/component/spark?tab=overview&containerFile=docs/x.md'],
    ['?containerFile=docs/x.md'],
    ['#0-prepare'],
    // A path that merely contains a scheme's name is a path.
    ['notes/javascript:alert(1).md'],
    ['javascript%3Aalert(1)'],
  ])('keeps the relative link %s as written', href => {
    expect(safeHref(href)).toBe(href);
  });

  it.each([
    ['javascript:alert(1)'],
    ['javascript:alert(1)//!x'],
    ['JaVaScRiPt:alert(1)'],
    ['  javascript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['java\nscript:alert(1)'],
    ['java\rscript:alert(1)'],
    ['\u0000javascript:alert(1)'],
    ['\u001fjavascript:alert(1)'],
    ['javascript\u007f:alert(1)'],
    ['&#106;avascript:alert(1)'],
    ['&#x6A;avascript:alert(1)'],
    ['&#106avascript:alert(1)'],
    ['javascript&colon;alert(1)'],
    ['vbscript:msgbox(1)'],
    ['VBScript:msgbox(1)'],
    ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['DATA:text/html,<script>alert(1)</script>'],
    ['file:///etc/passwd'],
    ['file:/srv/platform/containers/spark/container.yaml'],
    ['ftp://example.com/x'],
    ['blob:https://example.com/0f6a'],
    ['tel:+4912345'],
    ['x:y'],
  ])('refuses %j', href => {
    expect(safeHref(href)).toBeUndefined();
  });

  it.each([
    ['//evil.example/x'],
    ['\\\\evil.example\\x'],
    ['/\\evil.example/x'],
    ['\\/evil.example/x'],
    [' //evil.example/x'],
  ])('refuses the protocol-relative link %j', href => {
    expect(safeHref(href)).toBeUndefined();
  });

  it('refuses nothing-at-all', () => {
    expect(safeHref(undefined)).toBeUndefined();
    expect(safeHref(null)).toBeUndefined();
    expect(safeHref('')).toBeUndefined();
    expect(safeHref('   ')).toBeUndefined();
    expect(safeHref('https://')).toBeUndefined();
  });
});
