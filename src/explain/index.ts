/**
 * The explain stage's front door: an evaluation becomes a `Report` — the decision, the deciding
 * statements, every layer, the closest statements, notes, assumptions and verified fixes — in the words
 * of one language.
 */
export { explain } from './report.js';
export { applyChanges } from './fixes.js';
export { wordsFor, LANGS, type Lang, type Words } from './words/index.js';
