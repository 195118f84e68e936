/**
 * The group commit on SQLite, synchronously. better-sqlite3 runs statements
 * synchronously anyway; doing the whole batch in one synchronous transaction,
 * with statements prepared once, takes a fraction of the time of the same
 * work through promises, which is what a message waits for before delivery.
 * The decisions are those of the asynchronous path (group-plan.ts), and the
 * conversation update makes the same change (message.sql.ts).
 */
import type SQLite from 'better-sqlite3';
import type { ContactRow } from '../contact/contact.repository.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import { admit, clientIdsOf, groupByConversation, plan, settle } from './group-plan.js';
import { bumpOf, type MessageRow, messageRows, type Outcome, type SendMessageProps } from './message.js';
import { BUMP_ONE_SQLITE, bumpOneParams, MESSAGE_COLUMNS } from './message.sql.js';

const COLUMNS = MESSAGE_COLUMNS;

export class SqliteFastPath {
  private readonly conversation: SQLite.Statement<[string], ConversationRow>;
  private readonly contact: SQLite.Statement<[string, string], ContactRow>;
  private readonly bump: SQLite.Statement<unknown[], ConversationRow>;
  private readonly insert: SQLite.Statement<unknown[]>;
  private readonly byClientIds = new Map<number, SQLite.Statement<string[], MessageRow>>();
  private readonly groups: (groups: Map<string, number[]>, items: SendMessageProps[], out: Outcome[]) => void;

  constructor(private readonly sqlite: SQLite.Database) {
    this.conversation = sqlite.prepare('select * from conversations where id = ?');
    this.contact = sqlite.prepare('select * from contacts where workspace_id = ? and id = ?');
    this.bump = sqlite.prepare(BUMP_ONE_SQLITE);
    this.insert = sqlite.prepare(`insert into messages (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`);
    // Made once: better-sqlite3 builds several wrappers per transaction function.
    this.groups = sqlite.transaction((groups: Map<string, number[]>, items: SendMessageProps[], out: Outcome[]) => {
      for (const [id, indexes] of groups) this.group(id, indexes, items, out);
    });
  }

  /** False while another transaction is open on the connection (the asynchronous path, between its statements). */
  get free(): boolean {
    return !this.sqlite.inTransaction;
  }

  /**
   * Stores every conversation group of the batch in one transaction. Sends
   * left unanswered (new conversations, files) are for the asynchronous path.
   * On an unexpected error nothing is stored and nothing is answered.
   */
  run(items: SendMessageProps[], out: Outcome[]): void {
    const local: Outcome[] = new Array(items.length);
    const groups = groupByConversation(items);
    if (groups.size === 0) return;
    this.groups(groups, items, local);
    for (const [i, o] of local.entries()) out[i] = o;
  }

  private group(conversationId: string, indexes: number[], items: SendMessageProps[], out: Outcome[]): void {
    const conv = this.conversation.get(conversationId);
    const accepted = admit(conv, indexes, items, out);
    if (!conv || accepted.length === 0) return;
    const contact = conv.contact_id ? (this.contact.get(conv.workspace_id, conv.contact_id) ?? null) : null;
    const p = plan(conv, accepted, items, this.existing(conversationId, clientIdsOf(accepted, items)));
    let final = conv;
    let rows: MessageRow[] = [];
    const bump = bumpOf(conv.workspace_id, conversationId, p.messages, p.reopen);
    if (bump) {
      const bumped = this.bump.get(...bumpOneParams(bump));
      if (!bumped) throw new Error('conversation vanished inside its transaction');
      final = bumped;
      rows = messageRows(conv.workspace_id, conversationId, bumped.last_seq, p.messages);
      for (const r of rows) this.insert.run(COLUMNS.map((c) => r[c]));
    }
    settle(p, items, final, contact, rows, out);
  }

  private existing(conversationId: string, clientIds: string[]): MessageRow[] {
    if (clientIds.length === 0) return [];
    let stmt = this.byClientIds.get(clientIds.length);
    if (!stmt) {
      stmt = this.sqlite.prepare(`select * from messages where conversation_id = ? and client_id in (${clientIds.map(() => '?').join(', ')})`);
      if (this.byClientIds.size < 64) this.byClientIds.set(clientIds.length, stmt);
    }
    return stmt.all(conversationId, ...clientIds);
  }
}
