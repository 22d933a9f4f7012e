import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './program';

// Entry point of dist/cli.js (bundled as CommonJS, so __dirname is dist/).
void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  stdin: () => fs.readFileSync(0, 'utf8'),
  rendererDir: path.join(__dirname, 'renderer'),
  coreEntry: { file: path.join(__dirname, 'core.js') },
}).then((code) => {
  process.exitCode = code;
});
