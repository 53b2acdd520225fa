/** The few styles the pretty reports use; `picocolors.createColors()` fits as it is. */
export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
}

const plain = (text: string): string => text;

/** No styling: what reports use when no colors are given (files, pipes, `NO_COLOR`). */
export const NO_COLORS: Colors = {
  bold: plain,
  dim: plain,
  underline: plain,
  red: plain,
  yellow: plain,
  blue: plain,
  cyan: plain,
  green: plain,
};
