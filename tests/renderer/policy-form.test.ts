import { describe, expect, it } from 'vitest';
import { defaultPack } from '../../shared/rules/default-pack';
import { formFromPolicy, homonymsOf, policyFromForm } from '../../renderer/src/screens/policy/policy-form';

describe('the policy form: built-in companies and cancelling contexts', () => {
  const pack = defaultPack();

  it('shows the built-in companies and keeps the file minimal when nothing changed', () => {
    const base = { extends: 'default' as const };
    const form = formFromPolicy(base, pack);
    expect(form.companies.split('\n')).toContain('Salesforce');
    expect(policyFromForm(form, base, pack)).toEqual(base);
  });

  it('writes removed built-in companies to exclude and new ones to lists, and reads them back', () => {
    const base = { extends: 'default' as const };
    const form = formFromPolicy(base, pack);
    const companies = [...form.companies.split('\n').filter((t) => t !== 'Target'), '大家乐福'].join('\n');
    const file = policyFromForm({ ...form, companies }, base, pack);
    expect(file.exclude).toEqual({ companies: ['Target'] });
    expect(file.lists?.companies).toEqual(['大家乐福']);
    expect(formFromPolicy(file, pack).companies).toBe(companies);
  });

  it('parses cancelling contexts per line and keeps object entries of the lists', () => {
    expect(homonymsOf('苹果: 摘, 果园\nAmazon：rainforest，river\nno contexts here')).toEqual({ 苹果: ['摘', '果园'], Amazon: ['rainforest', 'river'] });
    const base = { lists: { competitors: [{ term: 'Alibaba', caseSensitive: false }, '凡客'] } };
    const form = formFromPolicy(base, pack);
    expect(form.lists.competitors).toBe('Alibaba\n凡客');
    const file = policyFromForm({ ...form, homonyms: '凡客: 凡客诚品' }, base, pack);
    expect(file.lists?.competitors).toEqual([{ term: 'Alibaba', caseSensitive: false }, '凡客']);
    expect(file.homonyms).toEqual({ 凡客: ['凡客诚品'] });
  });
});
