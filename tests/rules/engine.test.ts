import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../shared/errors';
import { check, compilePolicy } from '../../shared/rules/engine';
import { defaultPack } from '../../shared/rules/default-pack';
import type { RulePack } from '../../shared/rules/policy-schema';
import { ruleCategories, type Finding } from '../../shared/rules/types';
import type { Locale } from '../../shared/i18n/translate';
import type { Platform } from '../../shared/model';

const policy = compilePolicy({ lists: { competitors: ['凡客', '当当', 'Amazon'], confidential: ['星河计划', 'Project Falcon'] } });

function findings(text: string, platform: Platform = 'weibo', locale: Locale = 'en'): Finding[] {
  return check(policy, text, { platform, locale }).findings;
}
const categories = (text: string, platform: Platform = 'weibo') => [...new Set(findings(text, platform).map((f) => f.category))].sort();
const flagged = (text: string, platform: Platform = 'weibo') => findings(text, platform).filter((f) => f.severity !== 'info');

describe('the built-in policy', () => {
  it('loads every rule: each rule\'s own examples pass', () => {
    expect(compilePolicy().warnings).toEqual([]);
    expect(policy.rules.length).toBe(defaultPack().rules.length);
  });

  it('covers every category with the required default severities', () => {
    const byCategory = new Map<string, Set<string>>();
    for (const rule of defaultPack().rules) byCategory.set(rule.category, (byCategory.get(rule.category) ?? new Set()).add(rule.severity));
    expect([...byCategory.keys()].sort()).toEqual([...ruleCategories].sort());
    for (const c of ['privacy', 'disclosure', 'attack']) expect(byCategory.get(c), c).toEqual(new Set(['error']));
    for (const c of ['competitor', 'bragging', 'absolute', 'tone', 'problem-solving', 'promotion']) expect(byCategory.get(c), c).toEqual(new Set(['warning']));
    expect(defaultPack().rules.find((r) => r.id === 'length.over-limit')?.severity).toBe('error');
    for (const s of byCategory.get('format') ?? []) expect(['info', 'warning']).toContain(s);
  });

  it('findings carry exact UTF-16 spans, even after emoji and full-width text', () => {
    const text = '🎉🎉 新品发布！ＡＭＡＺＯＮ也在做';
    const [finding] = findings(text).filter((f) => f.category === 'competitor');
    expect(finding).toMatchObject({ ruleId: 'competitor.named', category: 'competitor', severity: 'warning', match: 'ＡＭＡＺＯＮ' });
    expect(text.slice(finding?.start, finding?.end)).toBe('ＡＭＡＺＯＮ');
  });

  it('messages come in the UI language', () => {
    const text = '凡客也在做';
    const en = findings(text, 'weibo', 'en')[0];
    const hans = findings(text, 'weibo', 'zh-Hans')[0];
    const hant = findings(text, 'weibo', 'zh-Hant')[0];
    expect(en?.message).toContain('Names a competitor (“凡客”)');
    expect(hans?.message).toContain('点名了竞争对手');
    expect(hant?.message).toContain('點名了競爭對手');
  });
});

describe('categories in three languages', () => {
  const cases: Array<[string, string, Platform?]> = [
    ['attack', '这家公司就是一群骗子'],
    ['attack', '這家公司就是一群騙子'],
    ['attack', 'They are a bunch of clowns.'],
    ['competitor', '当当今天也发了新品'],
    ['competitor', '噹噹今天也發了新品'],
    ['competitor', 'Amazon launched a similar device'],
    ['bragging', '今年全员年终奖发了六个月'],
    ['bragging', '週末開著法拉利去兜風'],
    ['bragging', 'Celebrating with champagne on my yacht'],
    ['privacy', '有问题直接打我手机13912345678'],
    ['privacy', '我的郵箱是 wang.xiaoming@gmail.com'],
    ['privacy', 'Reach me at +44 7700 900123'],
    ['disclosure', '明年我们要招聘2.5万名员工'],
    ['disclosure', '星河計劃下個月上線'],
    ['disclosure', 'Revenue grew 35% this quarter'],
    ['absolute', '我们是全网最低价'],
    ['absolute', '全球第一的品質'],
    ['absolute', 'The best phone ever made, guaranteed'],
    ['tone', '简直气死我了！！！'],
    ['tone', '真是受夠了'],
    ['tone', 'THIS IS COMPLETELY UNACCEPTABLE'],
    ['problem-solving', '这件事是下面的人没做好，我已经批评了'],
    ['problem-solving', '把訂單號發我，我親自處理'],
    ['problem-solving', 'Our support team dropped the ball, heads will roll'],
    ['promotion', '限时抢购，立即购买'],
    ['promotion', '全場5折，快來'],
    ['promotion', 'Buy now with promo code SPRING'],
    ['length', '字'.repeat(141), 'x'],
    ['length', 'a'.repeat(3001), 'linkedin'],
    ['format', '#新品发布 欢迎体验'],
    ['format', 'Thanks @ for the support', 'x'],
    ['format', 'see http//example.com', 'linkedin'],
  ];
  it.each(cases)('%s: %s', (category, text, platform) => {
    expect(categories(text, platform ?? 'weibo')).toContain(category);
  });
});

describe('traps that must stay quiet', () => {
  const clean: Array<[string, Platform?]> = [
    ['第一次见面就聊得很投机，感谢合作伙伴的信任。'],
    ['第一季度的财报已经在官网公布。'],
    ['最近天气转凉，大家注意保暖。'],
    ['最新版本已经上线，欢迎体验。'],
    ['我們第一時間聯繫了客戶，問題已經解決。'],
    ['客服热线 400-800-1234 全天有人接听。'],
    ['这个问题我已转给客服团队，官方账号会尽快回复。'],
    ['Best wishes to everyone for the new year!'],
    ['Our CEO met the AI and ESG teams today.'],
    ['Done! The bug is fixed, thanks to the team.'],
    ['2025年我们服务了更多客户，谢谢大家。'],
    ['Beware of scam calls pretending to be our staff.'],
    ['请大家做好垃圾分类。'],
    ['新品下周上市，敬请期待。'],
  ];
  it.each(clean)('%s', (text, platform) => {
    expect(flagged(text, platform ?? 'weibo')).toEqual([]);
  });
});

describe('rule types', () => {
  it('lexicon: Traditional forms are generated from Simplified lists, not by converting the text', () => {
    const p = compilePolicy({ lists: { competitors: ['苏宁'] } });
    const hant = check(p, '蘇寧今天也有活動', { platform: 'weibo', locale: 'en' }).findings.find((f) => f.category === 'competitor');
    expect(hant?.match).toBe('蘇寧');
    const p2 = compilePolicy({ lists: { competitors: ['國美'] } });
    expect(check(p2, '国美也来了', { platform: 'weibo', locale: 'en' }).findings.some((f) => f.match === '国美')).toBe(true);
  });

  it('lexicon: allow-phrases suppress only the matches they contain', () => {
    expect(findings('第一季度').filter((f) => f.category === 'absolute')).toEqual([]);
    expect(findings('行业第一，第一季度').filter((f) => f.category === 'absolute').map((f) => f.match)).toEqual(['行业第一']);
  });

  it('lexicon: English terms match whole words, a * term takes endings', () => {
    expect(findings('classic idiots').map((f) => f.match)).toEqual(['idiots']);
    expect(findings('Our scammers team').map((f) => f.match)).toContain('scammers');
    expect(findings('the scampi was great')).toEqual([]);
  });

  it('pattern: a home address', () => {
    expect(findings('寄到中山路88号3号楼1201室').map((f) => f.category)).toContain('privacy');
  });

  it('proximity: a figure near business news, but not a year', () => {
    expect(findings('招聘2000名工程师').some((f) => f.ruleId === 'disclosure.figure')).toBe(true);
    expect(findings('2025年招聘季开始了').some((f) => f.ruleId === 'disclosure.figure')).toBe(false);
  });

  it('occurrence: counts links, hashtags and mentions', () => {
    expect(categories('https://a.cn/1 https://a.cn/2 https://a.cn/3', 'x')).toContain('promotion');
    expect(categories('#a #b #c #d', 'x')).toContain('promotion');
    expect(categories('@a @b @c @d @e', 'x')).toContain('promotion');
  });

  it('length: the span is the part that does not fit, counted the platform\'s way', () => {
    const text = `${'字'.repeat(140)}多出来`;
    const result = check(policy, text, { platform: 'x', locale: 'en' });
    expect(result.length).toEqual({ used: 286, limit: 280 });
    const over = result.findings.find((f) => f.ruleId === 'length.over-limit');
    expect(over?.match).toBe('多出来');
    expect(check(policy, text, { platform: 'weibo', locale: 'en' }).length).toEqual({ used: 143, limit: 2000 });
  });

  it('format: Weibo topics close with #, X tags do not', () => {
    expect(categories('#新品发布# 欢迎体验', 'weibo')).not.toContain('format');
    expect(categories('#launch# today', 'x')).toContain('format');
    expect(categories('#launch today', 'x')).not.toContain('format');
  });
});

describe('policy files', () => {
  const invalid = (source: unknown) => {
    try {
      compilePolicy(source, { file: 'team-policy.json' });
    } catch (err) {
      if (err instanceof CountersignError) return err.message;
      throw err;
    }
    throw new Error('expected the policy to be refused');
  };

  it('name the file, the path inside it and what is wrong', () => {
    expect(invalid({ rules: { 'attack.insult': { severity: 'loud' } } })).toMatch(
      /^The policy team-policy\.json is not valid: rules\["attack\.insult"\]\.severity: Invalid option/,
    );
    expect(invalid({ rules: { 'no.such-rule': { severity: 'off' } } })).toContain('rules["no.such-rule"]: no such rule');
    expect(invalid({ lists: { rivals: ['x'] } })).toContain('lists.rivals: unknown list');
    expect(invalid({ lists: { competitors: ['ok', ''] } })).toContain('lists.competitors[1]');
    expect(invalid({ extends: 'strict' })).toContain('extends');
    expect(invalid([])).toContain('expected object');
  });

  it('severities can be changed or turned off', () => {
    const p = compilePolicy({ rules: { 'tone.exclamation-run': { severity: 'off' }, 'absolute.zh-claim': { severity: 'error' } } });
    const result = check(p, '全网最低价！！！', { platform: 'weibo', locale: 'en' }).findings;
    expect(result.some((f) => f.ruleId === 'tone.exclamation-run')).toBe(false);
    expect(result.find((f) => f.ruleId === 'absolute.zh-claim')?.severity).toBe('error');
  });

  it('a rule whose own examples fail does not load, and says why', () => {
    const pack = defaultPack();
    const broken: RulePack = {
      ...pack,
      rules: [
        ...pack.rules,
        { ...(pack.rules.find((r) => r.id === 'competitor.named') as RulePack['rules'][number]), id: 'competitor.broken', examples: { fire: ['nobody here'], pass: ['fine'] } },
      ],
    };
    const p = compilePolicy({ lists: { competitors: ['凡客'] } }, { pack: broken });
    expect(p.warnings).toEqual(['rule competitor.broken: example should fire but does not: “nobody here”']);
    expect(p.rules.some((r) => r.definition.id === 'competitor.broken')).toBe(false);
  });
});

describe('list terms that are also ordinary words', () => {
  const named = (p: ReturnType<typeof compilePolicy>, text: string) =>
    check(p, text, { platform: 'x', locale: 'en' }).findings.filter((f) => f.ruleId === 'competitor.named').map((f) => f.match);

  it('matches Latin list terms case-sensitively, capitals and @/# handles included', () => {
    const p = compilePolicy({ lists: { competitors: ['Target', 'Oracle'] } });
    expect(named(p, 'Our target this year is growth')).toEqual([]);
    expect(named(p, 'Target opened a store')).toEqual(['Target']);
    expect(named(p, 'ORACLE and @oracle and #oracle')).toEqual(['ORACLE', 'oracle', 'oracle']);
  });

  it('keeps any-case matching for an entry that asks for it ({term, caseSensitive: false})', () => {
    const p = compilePolicy({ lists: { competitors: [{ term: 'Alibaba', caseSensitive: false }, 'zendesk'] } });
    expect(named(p, 'congrats to alibaba')).toEqual(['alibaba']);
    // A term written all in lower case is not written as a proper noun: any case matches.
    expect(named(p, 'Zendesk launched')).toEqual(['Zendesk']);
  });

  it('cancels a brand homonym next to its everyday sense, in either script', () => {
    const p = compilePolicy({ lists: { competitors: ['苹果', '小米', 'Apple'] } });
    expect(named(p, '周末带孩子去摘苹果，特别甜')).toEqual([]);
    expect(named(p, '早上熬了一锅小米粥')).toEqual([]);
    expect(named(p, 'Apple picking upstate this weekend')).toEqual([]);
    expect(named(p, '蘋果今天發布了新手機')).toEqual(['蘋果']);
    expect(named(p, '小米的新车内饰很用心。我早上喝了粥')).toEqual(['小米']);
  });

  it('lets a policy file add cancelling contexts and drop built-in list terms', () => {
    const p = compilePolicy({ lists: { competitors: ['彩云'] }, homonyms: { 彩云: ['天上的彩云'] }, exclude: { companies: ['Apple'] } });
    expect(named(p, '看天上的彩云')).toEqual([]);
    expect(named(p, '彩云发布了新品')).toEqual(['彩云']);
    expect(() => compilePolicy({ exclude: { nosuch: ['x'] } })).toThrow(CountersignError);
  });
});
