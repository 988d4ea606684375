import { runCli } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as a user would from `cwd`, with no colour and a fixed environment. */
export async function cli(args: string[], cwd: string = process.cwd(), env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    env: { NO_COLOR: '1', ...env },
    cwd,
  });
  return { code, stdout, stderr };
}
