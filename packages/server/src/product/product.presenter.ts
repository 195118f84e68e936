import type { ProductDto } from '@switchboard/protocol';
import { parseTags, toProductCard } from './product-card.js';
import type { ProductRelationRow, ProductRow } from './product.table.js';

export function presentProduct(row: ProductRow, relations: readonly ProductRelationRow[]): ProductDto {
  const mine = relations.filter((r) => r.product_id === row.id);
  return {
    ...toProductCard(row),
    tags: parseTags(row.tags),
    imageSourceUrl: row.image_url,
    related: {
      accessories: mine.filter((r) => r.kind === 'accessory').map((r) => r.related_id),
      alternatives: mine.filter((r) => r.kind === 'alternative').map((r) => r.related_id),
    },
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
