import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DriftTrend } from '@dockyard/plugin-containers-common';
import { containersApiRef } from '../../api';
import {
  describeTrend,
  formatDay,
  trendChartDays,
} from '../../lib/driftHistory';

/** The span of the overview's trend. */
export const TREND_DAYS = 90;
const CHART_HEIGHT = 280;

const useStyles = makeStyles(theme => ({
  paper: {
    marginTop: theme.spacing(3),
    padding: theme.spacing(2),
  },
  figure: {
    margin: 0,
  },
  table: {
    borderCollapse: 'collapse',
    '& th, & td': {
      textAlign: 'right',
      padding: theme.spacing(0.25, 1),
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    '& th:first-child, & td:first-child': {
      textAlign: 'left',
    },
  },
  numbers: {
    marginTop: theme.spacing(1),
    '& summary': {
      cursor: 'pointer',
    },
  },
}));

/** The series of the chart: each its own colour and dash pattern, so no colour is needed to tell them apart. */
function useSeries() {
  const theme = useTheme();
  return [
    {
      key: 'behind',
      name: 'Containers behind',
      color: theme.palette.warning.dark,
      dash: undefined,
      axis: 'count',
    },
    {
      key: 'failing',
      name: 'Checks failing',
      color: theme.palette.error.dark,
      dash: '8 4',
      axis: 'count',
    },
    {
      key: 'pastEol',
      name: 'Past end of life',
      color: theme.palette.grey[700],
      dash: '2 3',
      axis: 'count',
    },
    {
      key: 'medianDaysBehind',
      name: 'Median days behind',
      color: theme.palette.primary.main,
      dash: '12 4 2 4',
      axis: 'days',
    },
  ] as const;
}

/** The numbers behind the chart, newest first, for reading and for screen readers. */
function TrendTable(props: { trend: DriftTrend }) {
  const classes = useStyles();
  const days = [...props.trend.days].reverse();
  return (
    <details className={classes.numbers}>
      <summary>
        <Typography component="span" variant="body2">
          The numbers per day
        </Typography>
      </summary>
      <Typography component="div" variant="body2">
        <table className={classes.table}>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Behind</th>
              <th scope="col">Failing</th>
              <th scope="col">Past end of life</th>
              <th scope="col">Median days behind</th>
              <th scope="col">Containers checked</th>
            </tr>
          </thead>
          <tbody>
            {days.map(day => (
              <tr key={day.day}>
                <th scope="row">{formatDay(day.day)}</th>
                <td>{day.behind}</td>
                <td>{day.failing}</td>
                <td>{day.pastEol}</td>
                <td>
                  {day.medianDaysBehind === undefined
                    ? '–'
                    : Math.round(day.medianDaysBehind)}
                </td>
                <td>{day.containers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Typography>
    </details>
  );
}

function TrendLines(props: { trend: DriftTrend; title: string }) {
  const series = useSeries();
  const data = trendChartDays(
    props.trend.days,
    props.trend.from,
    props.trend.to,
  );
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <LineChart
        data={data}
        // One image to assistive technology, named by its title and described by its desc.
        role="img"
        title={props.title}
        desc={describeTrend(props.trend.days)}
        margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="day"
          tickFormatter={(day: string) => formatDay(day).replace(/ \d+$/, '')}
          minTickGap={24}
        />
        <YAxis
          yAxisId="count"
          allowDecimals={false}
          label={{ value: 'Containers', angle: -90, position: 'insideLeft' }}
        />
        <YAxis
          yAxisId="days"
          orientation="right"
          allowDecimals={false}
          label={{ value: 'Days', angle: 90, position: 'insideRight' }}
        />
        <Tooltip labelFormatter={day => formatDay(String(day))} />
        <Legend />
        {series.map(line => (
          <Line
            key={line.key}
            yAxisId={line.axis}
            type="monotone"
            dataKey={line.key}
            name={line.name}
            stroke={line.color}
            strokeWidth={2}
            strokeDasharray={line.dash}
            dot={false}
            legendType="plainline"
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/**
 * The platform's drift over the last 90 days, over the containers the user may read: per day the
 * containers behind, with failing checks and past their end of life, and the median days behind.
 * The chart has a title and a description in words, its lines differ by dash pattern as well as
 * colour, and the numbers are there as a table.
 */
export function DriftTrendChart() {
  const classes = useStyles();
  const containersApi = useApi(containersApiRef);
  const titleId = useId();
  const descriptionId = useId();
  const { value: trend, error } = useAsync(
    () => containersApi.getDriftTrend({ days: TREND_DAYS }),
    [containersApi],
  );
  const title = `Drift over the last ${TREND_DAYS} days`;
  let description = 'Loading the trend…';
  if (error) description = `The trend could not be loaded: ${error.message}`;
  else if (trend) description = describeTrend(trend.days);
  return (
    <Paper variant="outlined" className={classes.paper}>
      <figure
        className={classes.figure}
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
      >
        <Typography variant="h6" component="h2" id={titleId}>
          {title}
        </Typography>
        <Typography
          variant="body2"
          color="textSecondary"
          component="figcaption"
          id={descriptionId}
        >
          {description}
        </Typography>
        {trend && trend.days.length > 0 && (
          <Box mt={1}>
            <TrendLines trend={trend} title={title} />
          </Box>
        )}
      </figure>
      {trend && trend.days.length > 0 && <TrendTable trend={trend} />}
    </Paper>
  );
}
