import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Bump a container to the version the form asks for, then open (or update) its pull request',
    example: yaml.stringify({
      steps: [
        {
          id: 'bump',
          action: 'containers:bump',
          name: 'Bump the container',
          input: {
            slug: '${{ parameters.slug }}',
            version: '${{ parameters.version }}',
          },
        },
        {
          id: 'target',
          action: 'containers:pull-request-target',
          name: 'The pull-request repository',
        },
        {
          id: 'pr',
          action: 'publish:github:pull-request',
          name: 'Open or update the pull request',
          input: {
            repoUrl: '${{ steps.target.output.repoUrl }}',
            branchName: '${{ steps.bump.output.branchName }}',
            title: '${{ steps.bump.output.title }}',
            description: '${{ steps.bump.output.body }}',
            commitMessage: '${{ steps.bump.output.commitMessage }}',
            update: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Bump trino to 478 on the branch dockyard/bump-trino-478 of the local checkout (the embedded default)',
    example: yaml.stringify({
      steps: [
        {
          id: 'bump',
          action: 'containers:bump',
          name: 'Bump the container',
          input: { slug: 'trino', version: '478' },
        },
        {
          id: 'local',
          action: 'containers:publish-local',
          name: 'Commit it in the local checkout',
          input: {
            slug: '${{ steps.bump.output.slug }}',
            bumpTo: '${{ steps.bump.output.to }}',
            files: '${{ steps.bump.output.files }}',
            commitMessage: '${{ steps.bump.output.commitMessage }}',
            branchName: '${{ steps.bump.output.branchName }}',
          },
        },
      ],
    }),
  },
];
