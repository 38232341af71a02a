import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputAdornment from '@material-ui/core/InputAdornment';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import {
  DRIFT_STATUS_LABELS,
  type PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';
import { OVERVIEW_STATUSES } from '../../lib/driftFormat';
import {
  EOL_FILTER_LABELS,
  EOL_FILTERS,
  isEolFilter,
} from '../../lib/eolFilter';
import { OverviewFilter } from '../../lib/overviewRows';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-end',
    marginBottom: theme.spacing(2),
  },
  search: { flex: '1 1 260px' },
  select: { minWidth: 180, maxWidth: 280 },
}));

function shortRef(ref: string, defaultKind: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}

function MultiSelect(props: {
  id: string;
  label: string;
  values: string[];
  options: { value: string; label: string }[];
  onChange: (values: string[]) => void;
}) {
  const classes = useStyles();
  const labels = new Map(props.options.map(o => [o.value, o.label]));
  return (
    <FormControl className={classes.select} size="small">
      <InputLabel id={`${props.id}-label`} shrink>
        {props.label}
      </InputLabel>
      <Select
        labelId={`${props.id}-label`}
        id={props.id}
        multiple
        value={props.values}
        onChange={event => props.onChange(event.target.value as string[])}
        renderValue={selected =>
          (selected as string[]).length === 0
            ? 'All'
            : (selected as string[]).map(v => labels.get(v) ?? v).join(', ')
        }
        displayEmpty
      >
        {props.options.map(option => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/**
 * Search box, status, owner, system and end-of-life pickers, and "Needs rebuild" (base image
 * moved) of the drift overview.
 */
export function DriftFilters(props: {
  filter: OverviewFilter;
  owners: string[];
  systems: string[];
  onChange: (filter: OverviewFilter) => void;
}) {
  const classes = useStyles();
  const { filter, onChange } = props;
  return (
    <div className={classes.bar}>
      <TextField
        className={classes.search}
        label="Search"
        placeholder="Name, version, upstream…"
        value={filter.search}
        onChange={event => onChange({ ...filter, search: event.target.value })}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon />
            </InputAdornment>
          ),
        }}
        inputProps={{ 'aria-label': 'Search containers' }}
      />
      <MultiSelect
        id="drift-status-filter"
        label="Status"
        values={filter.statuses}
        options={OVERVIEW_STATUSES.map(status => ({
          value: status,
          label: DRIFT_STATUS_LABELS[status],
        }))}
        onChange={statuses =>
          onChange({ ...filter, statuses: statuses as PinnedVersionStatus[] })
        }
      />
      <MultiSelect
        id="drift-owner-filter"
        label="Owner"
        values={filter.owners}
        options={props.owners.map(owner => ({
          value: owner,
          label: shortRef(owner, 'group'),
        }))}
        onChange={owners => onChange({ ...filter, owners })}
      />
      <MultiSelect
        id="drift-system-filter"
        label="System"
        values={filter.systems}
        options={props.systems.map(system => ({
          value: system,
          label: shortRef(system, 'system'),
        }))}
        onChange={systems => onChange({ ...filter, systems })}
      />
      <MultiSelect
        id="drift-eol-filter"
        label="End of life"
        values={filter.eol}
        options={EOL_FILTERS.map(state => ({
          value: state,
          label: EOL_FILTER_LABELS[state],
        }))}
        onChange={eol => onChange({ ...filter, eol: eol.filter(isEolFilter) })}
      />
      <FormControlLabel
        control={
          <Checkbox
            size="small"
            checked={filter.needsRebuild}
            onChange={event =>
              onChange({ ...filter, needsRebuild: event.target.checked })
            }
          />
        }
        label="Needs rebuild"
        title="Only containers whose base image tag now points at another digest"
      />
    </div>
  );
}
