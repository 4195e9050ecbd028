import { CupError } from '../errors.ts';
import demo1 from './demo/demo-1.json' with { type: 'json' };
import demo2 from './demo/demo-2.json' with { type: 'json' };
import demo3 from './demo/demo-3.json' with { type: 'json' };
import demo4 from './demo/demo-4.json' with { type: 'json' };
import { type RuleSet, validateRuleSet } from './rule-set.ts';

/** A shipped document goes through the same check as one pushed by a region. */
function load(json: unknown): RuleSet {
  const v = validateRuleSet(json);
  if (!v.ok) throw new CupError('RULE_SET_INVALID', `a demo rule set does not validate: ${v.problems.join('; ')}`);
  return v.ruleSet;
}

/** The demo rule set of DOMAIN.md, oldest first: every test and demo quotes with it. */
export const DEMO_RULE_SETS: readonly RuleSet[] = [demo1, demo2, demo3, demo4].map(load);
