// Mocha entry loaded by the extension host: runs every *.test.js beside this file.

import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  // SALVAGE_HOST_TESTS=docker runs only the files whose names contain it (e.g. for one view's screenshot).
  const only = process.env.SALVAGE_HOST_TESTS;
  for (const file of fs.readdirSync(__dirname)) if (file.endsWith('.test.js') && (only === undefined || file.includes(only))) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host tests failed`)) : resolve()));
  });
}
