import { runCli } from './run.js';

// exitCode rather than process.exit(), so piped stdout is flushed before the process ends.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
