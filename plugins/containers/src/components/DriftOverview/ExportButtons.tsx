import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  overviewRowsToCsv,
  overviewRowsToJson,
} from '../../lib/overviewExport';
import { OverviewRow } from '../../lib/overviewRows';

/** Hands `content` to the browser as a download named `fileName`. */
function download(fileName: string, type: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // After the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

const FORMATS = {
  csv: { type: 'text/csv;charset=utf-8', write: overviewRowsToCsv },
  json: { type: 'application/json', write: overviewRowsToJson },
} as const;

/**
 * Downloads the rows the overview shows, every page of them, in the table's order, as CSV or
 * JSON (`container-drift-YYYY-MM-DD.csv`).
 */
export function ExportButtons(props: { rows: OverviewRow[] }) {
  const { rows } = props;
  const save = (format: keyof typeof FORMATS) => {
    const day = new Date().toISOString().slice(0, 10);
    download(
      `container-drift-${day}.${format}`,
      FORMATS[format].type,
      FORMATS[format].write(rows),
    );
  };
  const what = `the ${rows.length.toLocaleString('en-US')} container${
    rows.length === 1 ? '' : 's'
  } shown, every page`;
  return (
    <ButtonGroup size="small" variant="outlined">
      <Button
        startIcon={<GetAppIcon />}
        onClick={() => save('csv')}
        title={`Download ${what}, as CSV`}
        disabled={rows.length === 0}
      >
        Export CSV
      </Button>
      <Button
        onClick={() => save('json')}
        title={`Download ${what}, as JSON`}
        disabled={rows.length === 0}
      >
        Export JSON
      </Button>
    </ButtonGroup>
  );
}
