import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Write the container rendered by containers:create into the local checkout, on a new branch, and refresh the catalog',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'containers:publish-local',
          name: 'Write into the local checkout',
          input: { slug: '${{ steps.create.output.slug }}' },
        },
      ],
    }),
  },
  {
    description:
      'Only when the form chose the local target, leaving the README alone',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          if: "${{ parameters.target === 'local' }}",
          action: 'containers:publish-local',
          name: 'Write into the local checkout',
          input: {
            slug: '${{ steps.create.output.slug }}',
            updateReadme: false,
          },
        },
      ],
    }),
  },
];
