#!/usr/bin/env node
import { runCli } from './run.js';
import { readStandardInput } from '../input/index.js';

// The one place that touches the process: arguments in, text out, exit code.
const code = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stdout.isTTY === true,
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  env: process.env,
  cwd: process.cwd(),
  stdin: readStandardInput,
});
process.exitCode = code;
