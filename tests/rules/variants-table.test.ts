import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPack } from '../../shared/rules/default-pack';
import { termsOf } from '../../shared/rules/engine';
import { convertVariants } from '../../shared/rules/variants';

// The built-in pack ships the script variants of its terms (policy/variants.json)
// so that a process compiles the built-in rules without converting them.
// Regenerate after changing a rule's terms:
//   UPDATE_VARIANTS=1 npx vitest run tests/rules/variants-table.test.ts
const tableFile = path.resolve(__dirname, '../../shared/rules/policy/variants.json');

describe('the built-in terms\' script variants', () => {
  it('are the ones OpenCC makes now, for every built-in term', () => {
    const pack = defaultPack();
    const terms = [...new Set(termsOf(pack.rules, { ...pack.lists, ...pack.exampleLists }, pack.homonyms).filter((t) => /\p{Script=Han}/u.test(t)))].sort();
    const table = Object.fromEntries([...convertVariants(terms)].map(([term, forms]) => [term, forms.filter((f) => f !== term)]));
    const lines = Object.entries(table).map(([term, others]) => `  ${JSON.stringify(term)}: ${JSON.stringify(others)}`);
    if (process.env.UPDATE_VARIANTS) fs.writeFileSync(tableFile, `{\n${lines.join(',\n')}\n}\n`);
    expect(JSON.parse(fs.readFileSync(tableFile, 'utf8')), 'run UPDATE_VARIANTS=1 npx vitest run tests/rules/variants-table.test.ts').toEqual(table);
  });
});
