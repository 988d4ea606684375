/** The render stage's front door: one renderer per output format; none makes a decision. */
export { renderJson } from './json.js';
export { renderText, type TextOptions } from './text.js';
