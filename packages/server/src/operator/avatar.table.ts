/** An operator's picture: its bytes live in the file store under `av_<key>`; `key` is random and changes with each upload. */
export interface OperatorAvatarTable {
  operator_id: string;
  workspace_id: string;
  key: string;
  mime: string;
  size: number;
  updated_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    operator_avatars: OperatorAvatarTable;
  }
}
