import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'List the container rendered by containers:create in the root README',
    example: yaml.stringify({
      steps: [
        {
          id: 'readme',
          action: 'containers:add-to-readme',
          name: 'Add to the README table',
          input: { slug: '${{ steps.create.output.slug }}' },
        },
      ],
    }),
  },
  {
    description: 'Keep the container table in another Markdown file',
    example: yaml.stringify({
      steps: [
        {
          id: 'readme',
          action: 'containers:add-to-readme',
          name: 'Add to the image list',
          input: {
            slug: '${{ steps.create.output.slug }}',
            readmePath: 'docs/images.md',
          },
        },
      ],
    }),
  },
];
