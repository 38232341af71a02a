import { createTheme } from '@material-ui/core/styles';
import { toneColor } from './toneColor';

describe('toneColor', () => {
  it("maps each tone to the theme's palette", () => {
    const theme = createTheme();
    expect(toneColor(theme, 'ok')).toBe(theme.palette.success.main);
    expect(toneColor(theme, 'warning')).toBe(theme.palette.warning.main);
    expect(toneColor(theme, 'error')).toBe(theme.palette.error.main);
    expect(toneColor(theme, 'neutral')).toBe(theme.palette.grey[500]);
  });
});
