import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import useAsync from 'react-use/esm/useAsync';
import { containersApiRef, type UnloadedContainerFile } from '../../api';

function problemLine(problem: UnloadedContainerFile['problems'][number]) {
  const where = problem.line > 0 ? `${problem.line}:${problem.column} ` : '';
  const field = problem.path ? `${problem.path} ` : '';
  return `${where}${field}${problem.message}`;
}

/**
 * The container.yaml files that never loaded. They have no entity, so without this they would
 * be visible only in the catalog's unprocessed-entities page. Shows nothing when there are none
 * or when they cannot be listed: the overview works without it.
 */
export function UnloadedContainerFiles() {
  const containersApi = useApi(containersApiRef);
  const { value: files } = useAsync(
    () => containersApi.listUnloadedContainerFiles().catch(() => []),
    [containersApi],
  );
  if (!files?.length) return null;
  return (
    <Box mb={2}>
      <Alert
        severity="error"
        aria-label="container.yaml files that did not load"
      >
        <AlertTitle>
          {files.length === 1
            ? '1 container.yaml did not load'
            : `${files.length} container.yaml files did not load`}
        </AlertTitle>
        <Typography variant="body2" paragraph>
          {files.length === 1
            ? 'It is not in the catalog (nor in this table) until fixed; the catalog reads it again on its next refresh.'
            : 'They are not in the catalog (nor in this table) until fixed; the catalog reads them again on its next refresh.'}
        </Typography>
        {files.map(file => (
          <Box key={file.entityRef} mb={1}>
            <Typography variant="body2" component="div">
              <strong>{file.file}</strong>
            </Typography>
            <Box component="ul" m={0} pl={3}>
              {file.problems.map((problem, index) => (
                <Typography
                  key={index}
                  component="li"
                  variant="body2"
                  style={{ fontFamily: 'monospace' }}
                >
                  {problemLine(problem)}
                </Typography>
              ))}
            </Box>
          </Box>
        ))}
      </Alert>
    </Box>
  );
}
