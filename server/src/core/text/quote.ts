import { formatCount } from './numbers';

/** The longest policy or request text an explanation quotes in full (issue 15: the flow answer quoted a 990 KB value). */
export const MAX_QUOTED_CHARS = 200;

/** `text` as a JSON string for an explanation; a longer text is cut, with its length said. */
export function quote(text: string): string {
  if (text.length <= MAX_QUOTED_CHARS) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, MAX_QUOTED_CHARS))}… (${formatCount(text.length)} characters)`;
}
