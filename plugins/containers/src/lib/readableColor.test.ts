import { createTheme, getContrastRatio } from '@material-ui/core/styles';
import {
  errorTextColor,
  readableColor,
  TEXT_CONTRAST_AA,
} from './readableColor';

describe('readableColor', () => {
  it('keeps a colour that is readable already', () => {
    expect(readableColor('#1f5493', ['#ffffff', '#f8f8f8'], 'light')).toBe(
      '#1f5493',
    );
  });

  it('darkens a colour on light backgrounds until every one of them reads it', () => {
    const shade = readableColor('#f44336', ['#ffffff', '#f5f5f5'], 'light');
    expect(shade).not.toBe('#f44336');
    for (const background of ['#ffffff', '#f5f5f5']) {
      expect(getContrastRatio(shade, background)).toBeGreaterThanOrEqual(
        TEXT_CONTRAST_AA,
      );
    }
    // The smallest step that does: one less is not enough on the grey page.
    expect(getContrastRatio('rgb(219, 60, 48)', '#f5f5f5')).toBeLessThan(
      TEXT_CONTRAST_AA,
    );
    expect(shade).toBe('rgb(195, 53, 43)');
  });

  it('lightens on dark backgrounds', () => {
    const shade = readableColor('#f44336', ['#424242', '#333333'], 'dark');
    expect(getContrastRatio(shade, '#424242')).toBeGreaterThanOrEqual(
      TEXT_CONTRAST_AA,
    );
  });
});

describe('errorTextColor', () => {
  it("reads on both the theme's page and its cards, light or dark", () => {
    for (const type of ['light', 'dark'] as const) {
      const theme = createTheme({ palette: { type } });
      const color = errorTextColor(theme);
      for (const background of [
        theme.palette.background.default,
        theme.palette.background.paper,
      ]) {
        expect(getContrastRatio(color, background)).toBeGreaterThanOrEqual(
          TEXT_CONTRAST_AA,
        );
      }
    }
  });
});
