import { AssistError } from '../errors.js';
import type { IntentModel } from './model.js';
import { chooseThreshold } from './threshold.js';
import type { IntentExample } from './types.js';

/**
 * The "none of these" threshold that maximises in-scope accuracy plus out-of-scope recall on a
 * labelled validation set (examples labelled with the model's out-of-scope label count as out of scope).
 */
export function tuneThreshold(model: IntentModel, validation: readonly IntentExample[]): number {
  if (validation.length === 0) throw new AssistError('NOT_ENOUGH_EXAMPLES', 'the validation set is empty');
  const open = model.withThreshold(0);
  const oos = model.outOfScopeLabel;
  const decisions = validation.map((example) => {
    const prediction = open.predict(example.text);
    return {
      confidence: prediction.confidence,
      correct: prediction.ranked[0]?.label === example.label && !prediction.outOfScope,
      outOfScope: example.label === oos,
      predictedOutOfScope: prediction.outOfScope,
    };
  });
  if (!decisions.some((d) => d.outOfScope)) {
    throw new AssistError('NOT_ENOUGH_EXAMPLES', `the validation set has no out-of-scope examples (label "${oos ?? ''}")`);
  }
  return chooseThreshold(decisions);
}
