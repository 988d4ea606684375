/** The languages policy-why explains in; every one has a words table in `explain/words/`. */
export type Lang = 'en' | 'ko';
