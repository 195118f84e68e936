import type { Db } from '../src/db/database.js';
import { listConversations as list } from '../src/conversation/conversation.repository.js';
import { listMessagesAfter, listMessagesBefore } from '../src/message/message.repository.js';
import type { View } from '../src/conversation/conversation.js';

export const listConversations = (
  db: Db,
  workspaceId: string,
  view: View,
  operatorId: string,
  status?: string,
  before?: { updatedAt: number; id: string },
  limit = 100,
) => list(db, { workspaceId, view, operatorId, status, before, limit });

export const listMessagesAfterSeq = listMessagesAfter;
export const listMessagesBeforeSeq = listMessagesBefore;
