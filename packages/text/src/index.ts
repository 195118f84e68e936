export { type Block, cleanName, type Inline, parseInline, parseMessage, plainText, previewText } from './format.js';
export { blocksToHtml, escapeHtml, messageHtml } from './html.js';
export { linkify, type Piece, safeHref } from './links.js';
export * from './time.js';
export { findMentions, type Mentionable, type MentionSpan, mentionQuery, mentionSpans } from './mentions.js';
export { type Filled, fillVariables, firstName, unresolvedVariables, type VariableName, type VariableValues, VARIABLES, variableValues } from './variables.js';
