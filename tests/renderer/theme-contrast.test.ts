import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

// WCAG 2.x AA: 4.5:1 for text. The pairs are the text colours of styles.css
// on the backgrounds they are drawn on, in both colour sets.

const css = fs.readFileSync('renderer/src/styles.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

function variables(selector: string): Record<string, string> {
  const out: Record<string, string> = {};
  const escaped = selector.replace(/[[\]]/g, '\\$&');
  for (const block of css.matchAll(new RegExp(`(?:^|\\n)${escaped}\\s*\\{([^}]*)\\}`, 'g'))) {
    for (const m of (block[1] ?? '').matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) out[m[1]!] = m[2]!.trim();
  }
  return out;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const light = variables(':root');
const themes = { light, dark: { ...light, ...variables(":root[data-theme='dark']") } };
const texts = ['--text', '--muted', '--accent', '--danger', '--ok', '--warning', '--info'];
const backgrounds = ['--bg', '--surface', '--surface-2'];
const pairs: [string, string][] = [
  ...texts.flatMap((fg) => backgrounds.map((bg): [string, string] => [fg, bg])),
  ['--accent-text', '--accent'],
  ['--accent', '--accent-text'],
  ['--crisis', '--crisis-bg'],
];

describe('theme colours', () => {
  it('the dark set overrides every colour of the light set it uses for text and backgrounds', () => {
    const dark = variables(":root[data-theme='dark']");
    for (const name of [...texts, ...backgrounds, '--accent-text', '--border', '--crisis', '--crisis-bg', '--shadow', '--backdrop']) {
      expect(dark[name], name).toBeDefined();
      expect(dark[name], name).not.toBe(light[name]);
    }
  });

  it.each(Object.entries(themes))('%s: every text colour meets WCAG AA (4.5:1) on its backgrounds', (_name, vars) => {
    const failures = pairs
      .map(([fg, bg]) => ({ fg, bg, ratio: contrast(vars[fg] ?? '', vars[bg] ?? '') }))
      .filter(({ fg, bg, ratio }) => !/^#[0-9a-f]{6}$/i.test(vars[fg] ?? '') || !/^#[0-9a-f]{6}$/i.test(vars[bg] ?? '') || !(ratio >= 4.5));
    expect(failures).toEqual([]);
  });

  it.each(Object.entries(themes))('%s: the focus ring stands out (3:1, WCAG 1.4.11) on every background', (_name, vars) => {
    const failures = backgrounds
      .map((bg) => ({ bg, ratio: contrast(vars['--focus'] ?? '', vars[bg] ?? '') }))
      .filter(({ bg, ratio }) => !/^#[0-9a-f]{6}$/i.test(vars['--focus'] ?? '') || !/^#[0-9a-f]{6}$/i.test(vars[bg] ?? '') || !(ratio >= 3));
    expect(failures).toEqual([]);
  });

  it('colours are written only as custom properties, so both sets reach every rule', () => {
    const literal = /#[0-9a-f]{3,8}\b|\b(?:rgb|rgba|hsl|hsla)\(/i;
    const offending = css
      .split(/[;{}]/)
      .map((declaration) => declaration.trim())
      .filter((declaration) => literal.test(declaration) && !declaration.startsWith('--'));
    expect(offending).toEqual([]);
  });
});
