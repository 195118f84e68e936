/**
 * The rating survey after a conversation ends: "How was this conversation?",
 * five choices (radio buttons named "Rate 1 out of 5" … "Rate 5 out of 5",
 * drawn as stars), an optional comment and "Send rating". Once sent it thanks
 * the visitor and offers "Change rating" while they stay.
 */
import { h, ICONS, icon } from './dom.js';
import { errorText } from './errors.js';
import { t } from './i18n.js';

export class Survey {
  readonly root: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly thanks: HTMLElement;
  private readonly radios: HTMLInputElement[];
  private readonly comment: HTMLTextAreaElement;
  private readonly submit: HTMLButtonElement;
  private readonly error: HTMLElement;

  constructor(send: (rating: number, comment: string) => Promise<void>) {
    this.radios = [1, 2, 3, 4, 5].map((n) => h('input', { type: 'radio', name: 'rating', value: String(n), 'aria-label': t('rateValue', { n }) }));
    const stars = h('div', { class: 'stars' }, ...this.radios.map((r) => icon(h('label', { class: 'star' }, r), ICONS.star, 28)));
    this.comment = h('textarea', { id: 'survey-comment', rows: '2', maxlength: '1000' });
    this.submit = h('button', { type: 'submit', class: 'send', disabled: true }, t('sendRating'));
    this.error = h('p', { class: 'error', role: 'alert' });
    this.form = h(
      'form',
      { class: 'survey', 'aria-labelledby': 'survey-q' },
      h('fieldset', {}, h('legend', { id: 'survey-q' }, t('rateQuestion')), stars),
      h('label', { for: 'survey-comment', class: 'small' }, t('rateComment')),
      this.comment,
      this.error,
      this.submit,
    );
    const change = h('button', { type: 'button', class: 'plain' }, t('changeRating'));
    this.thanks = h('div', { class: 'survey thanks', hidden: true }, h('p', { role: 'status' }, t('ratingThanks')), change);
    this.root = h('div', {}, this.form, this.thanks);

    stars.addEventListener('change', () => this.paint());
    change.addEventListener('click', () => {
      this.thanks.hidden = true;
      this.form.hidden = false;
      (this.radios.find((r) => r.checked) ?? this.radios[0])?.focus();
    });
    this.form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const rating = this.value();
      if (!rating) return;
      this.submit.disabled = true;
      this.error.textContent = '';
      try {
        await send(rating, this.comment.value.trim());
        this.form.hidden = true;
        this.thanks.hidden = false;
        change.focus();
      } catch (err) {
        this.error.textContent = errorText(err);
      } finally {
        this.submit.disabled = false;
      }
    });
  }

  private value(): number {
    return Number(this.radios.find((r) => r.checked)?.value ?? 0);
  }

  private paint(): void {
    const v = this.value();
    for (const [i, r] of this.radios.entries()) r.parentElement?.classList.toggle('on', i < v);
    this.submit.disabled = v === 0;
  }
}
