#!/usr/bin/env node
// The entry point: run the CLI, set the exit code. A reader that closes the
// pipe early (`| head`) ends the run quietly; anything unforeseen is one line.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
});
process.on("uncaughtException", (e) => {
  process.stderr.write(`capexit: 程序内部错误：${e?.message ?? e}\n`);
  if (process.env.CAPEXIT_DEBUG) process.stderr.write(`${e?.stack}\n`);
  process.exit(2);
});

const { run } = await import("../dist/cli/main.js");
process.exitCode = await run(process.argv);
