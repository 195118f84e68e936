/**
 * The demo shop's help centre: a few published articles, so that the widget
 * suggests them as a visitor types ("can I return my tent?"), the help centre
 * at /help/<workspace> has pages, and Settings → Knowledge base has rows.
 */
import type { Context } from '../context.js';
import { createArticle, setArticleState } from '../article/article.service.js';
import { createCategory } from '../article/category.service.js';
import { findOperatorByEmail, toOperator } from '../operator/operator.repository.js';

const ARTICLES = [
  {
    title: 'Returns and refunds',
    slug: 'returns-and-refunds',
    description: 'Send gear back within 30 days for a full refund.',
    body: 'Unused gear can be returned within **30 days** of delivery for a full refund.\n\nOpen *Orders*, choose the order, then *Return items*. Print the label and drop the parcel at any post office.\n\nRefunds reach your card within 5 working days of the parcel arriving at our warehouse.',
  },
  {
    title: 'Shipping times and costs',
    slug: 'shipping',
    description: 'When your order arrives, and what delivery costs.',
    body: 'Orders placed before 2 pm ship the same working day.\n\nDelivery takes 2 to 3 working days in the EU and 5 to 7 days elsewhere. Shipping is free over €100; below that it costs €5.95.\n\nYou get a tracking link by email as soon as the parcel leaves the warehouse.',
  },
  {
    title: 'Choosing the right boot size',
    slug: 'boot-size',
    description: 'How to measure your feet for hiking boots.',
    body: 'Measure your foot in the evening, standing, with the socks you hike in.\n\nAdd about 1.5 cm to the length of your longest foot: your toes should not touch the front of the boot on a descent.\n\nBetween two sizes, take the larger one and a thicker sock.',
  },
];

/** Publishes the demo articles as the first owner (`email`); only the node that made the first workspace calls it. */
export async function seedDemoArticles(ctx: Context, email: string): Promise<void> {
  const row = await findOperatorByEmail(ctx.db, email);
  if (!row) return;
  const owner = toOperator(row);
  const category = await createCategory(ctx, owner, { name: 'Orders and delivery', slug: 'orders', description: 'Returns, refunds and shipping' });
  for (const [i, a] of ARTICLES.entries()) {
    const created = await createArticle(ctx, owner, { ...a, locale: 'en', categoryId: i < 2 ? category.id : null, translationOf: null });
    await setArticleState(ctx, owner, created.id, 'published');
  }
}
