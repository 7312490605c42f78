/**
 * The one place that bounds how much untrusted span text the classifiers read. Span
 * content is untrusted: an agent's command can be hundreds of kilobytes, and every
 * classifier runs per step, inside analysis and diff. The patterns are linear, and this
 * cap keeps even a linear pass per step small.
 */

/** Most characters of one string a classifier reads (head and tail kept). */
export const MAX_CLASSIFIED_CHARS = 8192;

/**
 * `text` cut to `max` characters: its first and last halves joined by a newline, so
 * the first and last commands of a long shell script (the one whose exit code counts)
 * are still read, and the cut is a command boundary.
 */
export function capClassifierInput(text: string, max: number = MAX_CLASSIFIED_CHARS): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}\n${text.slice(text.length - half)}`;
}
