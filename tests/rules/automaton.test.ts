import { describe, expect, it } from 'vitest';
import { Automaton } from '../../shared/rules/automaton';
import { foldText } from '../../shared/rules/fold';

function matches(terms: string[], text: string): string[] {
  const a = new Automaton();
  terms.forEach((t, i) => a.add(t, i));
  a.build();
  const out: string[] = [];
  a.scan(text, (m) => out.push(`${text.slice(m.start, m.end)}@${m.start}:${m.payloads.join(',')}`));
  return out;
}

describe('Aho–Corasick automaton', () => {
  it('finds every term, overlapping and nested ones included', () => {
    expect(matches(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['she@1:1', 'he@2:0', 'hers@2:3']);
    expect(matches(['第一', '第一季度', '一季'], '第一季度')).toEqual(['第一@0:0', '一季@1:2', '第一季度@0:1']);
  });

  it('matches astral characters (emoji) as code units', () => {
    expect(matches(['🚀上线'], '新品🚀上线了')).toEqual(['🚀上线@2:0']);
  });

  it('keeps several payloads on one term', () => {
    const a = new Automaton();
    a.add('abc', 1);
    a.add('abc', 2);
    a.build();
    const seen: number[][] = [];
    a.scan('xabcx', (m) => seen.push([...m.payloads]));
    expect(seen).toEqual([[1, 2]]);
  });
});

describe('folding for matching', () => {
  it('folds full-width and case one code unit for one', () => {
    const text = 'ＡＭＡＺＯＮ　Ａｍａｚｏｎ，１３８';
    const folded = foldText(text);
    expect(folded).toBe('amazon amazon,138');
    expect(folded.length).toBe(text.length);
  });

  it('leaves characters whose lower case is longer alone, so offsets stay true', () => {
    expect(foldText('İstanbul').length).toBe('İstanbul'.length);
  });
});
