import {
  renderTemplateText,
  TemplateValues,
  templateFileKind,
} from './renderText';

const values: TemplateValues = {
  verbatim: { slug: 'trino', current: '476' },
  text: { name: 'Trino <b>SQL</b> ${{ values.slug }}' },
  markdown: { rows: '| a | b |' },
};

describe('renderTemplateText', () => {
  it('replaces placeholders in one pass, with or without spaces', () => {
    expect(
      renderTemplateText(
        'ARG V=${{values.current}} # ${{ values.slug }}',
        'Dockerfile',
        values,
      ),
    ).toBe('ARG V=476 # trino');
  });

  it('escapes free text in Markdown and never evaluates what it contains', () => {
    expect(
      renderTemplateText('# ${{ values.name }}', 'README.md', values),
    ).toBe('# Trino \\<b\\>SQL\\</b\\> \\$\\{\\{ values.slug \\}\\}');
  });

  it('places prepared Markdown only in Markdown files', () => {
    expect(
      renderTemplateText('${{ values.rows }}', 'docs/ports.md', values),
    ).toBe('| a | b |');
    expect(() =>
      renderTemplateText('${{ values.rows }}', 'entrypoint.sh', values),
    ).toThrow(
      'entrypoint.sh: values.rows is Markdown and can only be placed in a Markdown file',
    );
  });

  it('refuses free text outside Markdown', () => {
    expect(() =>
      renderTemplateText('echo ${{ values.name }}', 'run.sh', values),
    ).toThrow('run.sh: values.name is free text');
  });

  it('leaves shell and Dockerfile variables alone', () => {
    expect(
      renderTemplateText('echo "${APP_VERSION}" $HOME {{x}}', 'run.sh', values),
    ).toBe('echo "${APP_VERSION}" $HOME {{x}}');
  });

  it('tells Markdown from other files', () => {
    expect(templateFileKind('README.md')).toBe('markdown');
    expect(templateFileKind('docs/guide.MARKDOWN')).toBe('markdown');
    expect(templateFileKind('Dockerfile')).toBe('plain');
    expect(templateFileKind('README.md.sh')).toBe('plain');
  });
});
