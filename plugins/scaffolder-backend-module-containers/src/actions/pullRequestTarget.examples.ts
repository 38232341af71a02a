import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Open the pull request against the repository the backend is configured with, whatever the form sent',
    example: yaml.stringify({
      steps: [
        {
          id: 'prTarget',
          action: 'containers:pull-request-target',
          name: 'Pull-request target',
        },
        {
          id: 'pr',
          action: 'publish:github:pull-request',
          name: 'Open a pull request',
          input: {
            repoUrl: '${{ steps.prTarget.output.repoUrl }}',
            branchName: 'dockyard/new-${{ steps.create.output.slug }}',
            title: 'Add container ${{ steps.create.output.slug }}',
          },
        },
      ],
    }),
  },
];
