import {
  darken,
  getContrastRatio,
  lighten,
  type Theme,
} from '@material-ui/core/styles';

/** WCAG 2 AA for text of normal size: what axe-core's colour-contrast rule asks. */
export const TEXT_CONTRAST_AA = 4.5;

/**
 * `color`, or the closest shade of it (darker on a light theme, lighter on a dark one, in steps
 * of a tenth) that reaches AA contrast on every one of `backgrounds`: the hue that carries the
 * meaning stays, the text stays readable. Material UI's `error.main` (#f44336) is 3.7:1 on
 * white, too light for text.
 */
export function readableColor(
  color: string,
  backgrounds: string[],
  type: 'light' | 'dark',
): string {
  for (let step = 0; step <= 10; step++) {
    let shade = color;
    if (step > 0) {
      shade =
        type === 'dark' ? lighten(color, step / 10) : darken(color, step / 10);
    }
    if (
      backgrounds.every(
        background => getContrastRatio(shade, background) >= TEXT_CONTRAST_AA,
      )
    ) {
      return shade;
    }
  }
  return type === 'dark' ? '#fff' : '#000';
}

/** The theme's error colour as text on its page and on its cards. */
export function errorTextColor(theme: Theme): string {
  return readableColor(
    theme.palette.error.main,
    [theme.palette.background.default, theme.palette.background.paper],
    theme.palette.type,
  );
}
