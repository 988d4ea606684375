import type { Report } from '../model/report.js';
import type { Words } from '../explain/index.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';
import type { CheckResult } from '../model/check.js';
import { renderCheckJson } from './check/json.js';
import { renderCheckText, type CheckRenderOptions } from './check/text.js';
import { renderCheckSarif } from './check/sarif.js';
import { renderCheckGithub } from './check/github.js';
import { renderCheckMarkdown } from './check/markdown.js';

/** What every renderer is given: the report, the words of its language, and whether colour is allowed. */
export interface RenderOptions {
  color: boolean;
  words: Words;
}

/** One renderer per output format; none makes a decision. A new format is one file and one line here. */
export const RENDERERS = {
  text: (report: Report, options: RenderOptions) => renderText(report, options),
  json: (report: Report) => renderJson(report),
} as const satisfies Record<string, (report: Report, options: RenderOptions) => string>;

export type Format = keyof typeof RENDERERS;

/** The output formats, for the CLI's choices. */
export const FORMATS = Object.keys(RENDERERS) as Format[];

/** One reporter per `check` output format; a new one is one file in `render/check/` and one line here. */
export const CHECK_RENDERERS = {
  text: (result: CheckResult, options: CheckRenderOptions) => renderCheckText(result, options),
  json: (result: CheckResult, options: CheckRenderOptions) => renderCheckJson(result, options.words.lang),
  sarif: (result: CheckResult, options: CheckRenderOptions) => renderCheckSarif(result, options),
  github: (result: CheckResult, options: CheckRenderOptions) => renderCheckGithub(result, options),
  markdown: (result: CheckResult, options: CheckRenderOptions) => renderCheckMarkdown(result, options),
} as const satisfies Record<string, (result: CheckResult, options: CheckRenderOptions) => string>;

export type CheckFormatName = keyof typeof CHECK_RENDERERS;

/** The `check` output formats, for the CLI's choices. */
export const CHECK_FORMATS = Object.keys(CHECK_RENDERERS) as CheckFormatName[];
