import { describe, expect, it } from 'vitest';
import { findMentions, mentionQuery, mentionSpans } from './mentions';

const team = [
  { id: 'ana', name: 'Ana' },
  { id: 'ana-lopez', name: 'Ana Lopez' },
  { id: 'olivia', name: 'Olivia Park' },
  { id: 'jose', name: 'José' },
];

describe('mentions', () => {
  it('finds an @name, the longest name first, without regard to case', () => {
    expect(findMentions('@ana lopez can you check the refund?', team).map((p) => p.id)).toEqual(['ana-lopez']);
    expect(findMentions('Ask @Ana, then @Olivia Park.', team).map((p) => p.id)).toEqual(['ana', 'olivia']);
    expect(findMentions('@José: merci', team).map((p) => p.id)).toEqual(['jose']);
  });

  it('needs the name to end where a word ends, and the @ to start one', () => {
    expect(findMentions('@Anabel is not Ana', team)).toEqual([]);
    expect(findMentions('write to support@ana.example', team)).toEqual([]);
    expect(findMentions('(@Ana)', team).map((p) => p.id)).toEqual(['ana']);
    expect(findMentions('@Olivia alone is not Olivia Park', team)).toEqual([]);
  });

  it('names each person once, and gives the spans to highlight', () => {
    expect(findMentions('@Ana @ana @ANA', team).map((p) => p.id)).toEqual(['ana']);
    expect(mentionSpans('Hi @Olivia Park!', team)).toEqual([{ start: 3, end: 15, who: team[2] }]);
    expect(findMentions('no mention here', team)).toEqual([]);
    expect(findMentions('@', team)).toEqual([]);
  });

  it('knows the query being typed after an @', () => {
    expect(mentionQuery('Ping @oli', 9)).toEqual({ start: 5, query: 'oli' });
    expect(mentionQuery('Ping @', 6)).toEqual({ start: 5, query: '' });
    expect(mentionQuery('mail me at a@b', 14)).toBeNull();
    expect(mentionQuery('@ana\nnext line', 14)).toBeNull();
    expect(mentionQuery('no at sign', 5)).toBeNull();
  });
});
