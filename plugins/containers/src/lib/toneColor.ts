import type { Theme } from '@material-ui/core/styles';
import type { DriftTone } from '@dockyard/plugin-containers-common';

/** The theme's colour for a drift tone: the status chip and the overview's tiles use the same. */
export function toneColor(theme: Theme, tone: DriftTone): string {
  switch (tone) {
    case 'ok':
      return theme.palette.success.main;
    case 'warning':
      return theme.palette.warning.main;
    case 'error':
      return theme.palette.error.main;
    default:
      return theme.palette.grey[500];
  }
}
