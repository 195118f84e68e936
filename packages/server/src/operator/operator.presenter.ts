import type { OperatorDto, PresenceStatus } from '@switchboard/protocol';
import type { Operator } from './operator.js';

/** The API never returns raw rows: no password hash, no invite token. */
export const presentOperator = (op: Operator, status: PresenceStatus): OperatorDto & { disabled: boolean } => ({
  id: op.id,
  name: op.name,
  email: op.email,
  role: op.role,
  status,
  disabled: op.disabled,
});
