#!/usr/bin/env node
// `countersign` on the PATH (npx countersign). The CLI itself is built into dist/.
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('countersign: the CLI is not built yet. Run `npm run build` in the repository first.\n');
  process.exit(2);
}
require(cli);
