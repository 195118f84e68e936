import type { IntentExample } from '../src/index.js';

/** A small banking-like intent set written for these tests. */
export const INTENTS: Record<string, string[]> = {
  card_arrival: [
    'when will my new card arrive',
    'my card has not arrived yet',
    'I am still waiting for my card to be delivered',
    'how long does card delivery take',
    'the card you sent me never came',
    'where is my card, it should be here by now',
    'has my card been shipped',
    'track the delivery of my card',
    'card still not delivered after two weeks',
    'expecting my card in the post, when does it come',
    'is my card on its way',
    'how many days until the card arrives',
  ],
  refund: [
    'I want my money back for this purchase',
    'how do I get a refund',
    'please refund the payment for my order',
    'the merchant has not refunded me yet',
    'request a refund for a cancelled order',
    'I returned the item, where is my refund',
    'can I be reimbursed for this charge',
    'refund status of my last purchase',
    'money back for a faulty product',
    'how long do refunds take to appear',
    'I was promised a refund',
    'get reimbursed for a double payment',
  ],
  password_reset: [
    'I forgot my password',
    'how do I reset my password',
    'cannot log in, password is wrong',
    'change my login password please',
    'my password does not work anymore',
    'send me a password reset link',
    'locked out of my account after wrong passwords',
    'I need a new password for the app',
    'reset the passcode on my account',
    'password reset email never arrived',
    'how to recover a forgotten password',
    'help me change the password I use to sign in',
  ],
  exchange_rate: [
    'what exchange rate do you use',
    'how much is one euro in dollars today',
    'what is the rate for converting pounds to euros',
    'is the currency conversion rate fair',
    'exchange rates for foreign currency',
    'how do you calculate the conversion rate',
    'why was the exchange rate so bad',
    'current rate for swapping dollars into yen',
    'which rate applies when I pay abroad',
    'do you add a margin on the exchange rate',
    'check the conversion rate before I exchange money',
    'rate used for currency exchange on weekends',
  ],
};

export const OUT_OF_SCOPE = [
  'what is the weather like in paris tomorrow',
  'tell me a joke about cats',
  'who won the football match last night',
  'play some relaxing music',
  'how tall is mount everest',
  'recommend a good pizza recipe',
  'what time does the cinema open',
  'translate hello into japanese',
  'how many calories are in an apple',
  'set an alarm for seven in the morning',
  'who wrote pride and prejudice',
  'what is the capital of australia',
];

export function intentExamples(withOutOfScope = false): IntentExample[] {
  const examples = Object.entries(INTENTS).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));
  if (withOutOfScope) examples.push(...OUT_OF_SCOPE.map((text) => ({ text, label: 'oos' })));
  return examples;
}
