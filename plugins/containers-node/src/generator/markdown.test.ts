import MarkdownIt from 'markdown-it';
import {
  markdownCell,
  markdownCode,
  markdownTableRow,
  markdownText,
} from './markdown';

const md = new MarkdownIt();

/** The text a reader sees, and whether any markup (links, HTML, code, emphasis…) appeared. */
function rendered(markdown: string) {
  const tokens = md.parse(markdown, {});
  const inline = tokens.flatMap(t => t.children ?? []);
  return {
    text: inline
      .filter(t => t.type === 'text')
      .map(t => t.content)
      .join(''),
    markup: inline.filter(t => t.type !== 'text').map(t => t.type),
    blocks: tokens.filter(t => t.type.endsWith('_open')).map(t => t.type),
  };
}

const HOSTILE = [
  'Spark: *the* [engine](https://evil.example) <script>alert(1)</script>',
  '${{ values.slug }} `code` _under_ ~~strike~~ ![img](x.png)',
  '# not a heading',
  '- not a list',
  '1. not a list',
  '> not a quote',
  '| not | a | table |',
  '&amp; &lt; entities',
  'back\\slash',
  '    indented code?',
];

describe('markdownText', () => {
  it.each(HOSTILE)('renders %j as the literal text of one paragraph', text => {
    const result = rendered(markdownText(text));
    expect(result.text).toBe(text.trim());
    expect(result.markup).toEqual([]);
    expect(result.blocks).toEqual(['paragraph_open']);
  });

  it('keeps a heading a single heading', () => {
    const result = rendered(
      `# ${markdownText('Name\n\n## injected\n<b>x</b> #')}`,
    );
    expect(result.blocks).toEqual(['heading_open']);
    expect(result.text).toBe('Name ## injected <b>x</b> #');
    expect(result.markup).toEqual([]);
  });

  it('turns line breaks and control characters into spaces', () => {
    expect(markdownText('a\r\nb\u2028c\u0000d')).toBe('a b c d');
  });
});

describe('markdownCell', () => {
  it('keeps a table row to its cells', () => {
    const row = markdownTableRow([markdownCell('a | b'), markdownCell('c\nd')]);
    const tokens = md.parse(`| x | y |\n| --- | --- |\n${row}\n`, {});
    const cells = tokens.filter(t => t.type === 'inline').map(t => t.content);
    expect(cells).toEqual(['x', 'y', 'a | b', 'c d']);
    expect(tokens.filter(t => t.type === 'td_open')).toHaveLength(2);
  });
});

describe('markdownCode', () => {
  it('refuses values that would end the code span or the cell', () => {
    expect(markdownCode('APP_LOG_LEVEL')).toBe('`APP_LOG_LEVEL`');
    expect(() => markdownCode('a`b')).toThrow();
    expect(() => markdownCode('a|b')).toThrow();
  });
});
