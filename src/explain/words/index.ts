import { en } from './en.js';
import { ko } from './ko.js';
import type { Lang, Words } from './types.js';

export type { Lang, Words } from './types.js';

/** Languages with a words table. */
export const LANGS: readonly Lang[] = ['en', 'ko'];

const TABLES: Readonly<Record<Lang, Words>> = { en, ko };

/** The words table of a language (English unless another is asked for). */
export function wordsFor(lang: Lang = 'en'): Words {
  return TABLES[lang];
}
