/**
 * A pre-chat form being saved names attributes and teams that exist in the
 * workspace: a field that names another is refused next to it (one that is
 * deleted later simply stops showing to visitors).
 */
import type { Context } from '../context.js';
import { listAttributeRows } from '../contact/contact-attribute.repository.js';
import { AppError } from '../errors.js';
import type { FieldProblem } from '../http/validation-messages.js';
import { listTeams } from '../team/team.repository.js';
import type { PreChatSettings } from './form-settings.js';

export async function checkFormSettings(ctx: Pick<Context, 'db'>, workspaceId: string, preChat: PreChatSettings | undefined): Promise<void> {
  if (!preChat) return;
  const [attributes, teams] = await Promise.all([listAttributeRows(ctx.db, workspaceId), listTeams(ctx.db, workspaceId)]);
  const problems: FieldProblem[] = [];
  preChat.fields.forEach((f, i) => {
    const at = `settings.preChat.fields.${i}`;
    if (f.type === 'attribute' && !attributes.some((a) => a.key === f.key)) {
      problems.push({ in: 'body', path: `${at}.key`, message: `No contact attribute with the key ${f.key}: add it in Settings → Contact attributes first` });
    }
    if (f.type === 'team') {
      f.choices.forEach((c, j) => {
        if (!teams.some((t) => t.id === c.teamId))
          problems.push({ in: 'body', path: `${at}.choices.${j}.teamId`, message: 'This team does not exist (any more)' });
      });
    }
  });
  if (problems.length) {
    const first = problems[0] as FieldProblem;
    throw new AppError('validation_failed', problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1} more)`, {
      details: problems,
    });
  }
}
