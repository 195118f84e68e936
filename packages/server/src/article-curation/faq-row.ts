export type { FaqDraftTable as FaqTable } from './curation.table.js';
