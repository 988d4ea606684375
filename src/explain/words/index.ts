import { UsageError } from '../../model/errors.js';
import { en } from './en.js';
import { ko } from './ko.js';
import type { Lang, Words } from './types.js';

export type { Lang, Words } from './types.js';

/** Every language's words table: a new language is one file and one line here (and its code in `Lang`). */
const TABLES: Readonly<Record<Lang, Words>> = { en, ko };

/** Languages with a words table. */
export const LANGS = Object.keys(TABLES) as readonly Lang[];

/** The words table of a language (English unless another is asked for). */
export function wordsFor(lang: Lang = 'en'): Words {
  const table = TABLES[lang] as Words | undefined;
  if (!table) throw new UsageError(`\`${String(lang)}\` is not a language policy-why speaks (${LANGS.join(', ')})`);
  return table;
}
