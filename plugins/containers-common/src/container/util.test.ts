import { quoteForMessage } from './util';

describe('quoteForMessage', () => {
  it('quotes a short value as JSON', () => {
    expect(quoteForMessage('a"b')).toBe('"a\\"b"');
  });

  it('shortens a long value and says how long it was', () => {
    expect(quoteForMessage('x'.repeat(200_000), 5)).toBe(
      '"xxxxx…" (200,000 characters)',
    );
  });

  it('never cuts a character in half', () => {
    expect(quoteForMessage(`ab🚢${'x'.repeat(10)}`, 3)).toBe(
      '"ab…" (14 characters)',
    );
  });
});
