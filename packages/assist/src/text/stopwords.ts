/** Function words that say nothing about which article answers a question. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about am an and any are as at be been but by can could did do does doing for from had has have how i
  i'd i'm i've if in into is it it's its just me my of on or our please should so some than that the their them
  then there these they this those to too us was we were what when where which while who why will with would
  you your yours`
    .split(/\s+/)
    .filter(Boolean),
);
