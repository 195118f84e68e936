import { z } from 'zod';
import type { Context } from '../context.js';
import { readCsvUpload } from '../contact/import/import-csv.js';
import { route } from '../http/route.js';
import { pageOf } from '../http/schemas.js';
import { authorize } from '../policy/policy.js';
import { imageNotFound, ImageRefused, ProductImages } from './product-image.js';
import { MAX_PRODUCT_ROWS } from './product-import.js';
import { productIdParam, productImageParams, productImportPreviewSchema, productInputSchema, productSchema, productsQuery } from './product.js';
import { getProduct, importProducts, listProducts, previewProductImport, productCategories, putProduct, removeProduct } from './product.service.js';

const tag = 'products';
const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** The catalogue (E2): reading it, writing it (admins: the API or a CSV import), and the checked copy of its images. */
export const productRoutes = (ctx: Context) => {
  const images = new ProductImages(ctx);
  return [
    route({
      method: 'GET',
      url: '/api/v1/products',
      operationId: 'listProducts',
      summary: 'The catalogue’s products by name, optionally matching words or in one category',
      tag,
      auth: 'operator',
      query: productsQuery,
      response: pageOf(productSchema),
      handler: async ({ operator, query }) => listProducts(ctx, operator!, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/products/categories',
      operationId: 'listProductCategories',
      summary: 'The catalogue’s categories, in order (for filters)',
      tag,
      auth: 'operator',
      response: z.object({ items: z.array(z.string()) }),
      handler: async ({ operator }) => productCategories(ctx, operator!),
    }),
    route({
      method: 'GET',
      url: '/api/v1/products/:productId',
      operationId: 'getProduct',
      summary: 'One product of the catalogue',
      tag,
      auth: 'operator',
      params: productIdParam,
      response: productSchema,
      handler: async ({ operator, params }) => getProduct(ctx, operator!, params.productId),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/products/:productId',
      operationId: 'putProduct',
      summary:
        'Create or replace a product by the shop’s own id (admins). A refusal lists every field at fault with a stable code (name_required, price_invalid, currency_invalid, related_unknown…); related products must be in the catalogue',
      tag,
      auth: 'operator',
      params: productIdParam,
      body: productInputSchema,
      response: productSchema,
      handler: async ({ operator, params, body }) => putProduct(ctx, operator!, params.productId, body),
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/products/:productId',
      operationId: 'deleteProduct',
      summary: 'Delete a product and its relations, both ways (admins)',
      tag,
      auth: 'operator',
      params: productIdParam,
      status: 204,
      handler: async ({ operator, params }) => {
        await removeProduct(ctx, operator!, params.productId);
        return undefined;
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/products/imports/preview',
      operationId: 'previewProductImport',
      summary: `Check a catalogue CSV (field file; UTF-8, up to ${MAX_PRODUCT_ROWS.toLocaleString('en')} rows): the columns read, the first products as they will be stored, and every bad row with its column and reason. Nothing is written (admins)`,
      tag,
      auth: 'operator',
      multipart: true,
      response: productImportPreviewSchema,
      handler: async ({ operator, req }) => {
        authorize(operator!, 'product.manage');
        return previewProductImport(ctx, operator!, (await readCsvUpload(req, MAX_CSV_BYTES)).text);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/products/imports',
      operationId: 'importProducts',
      summary:
        'Import a catalogue CSV all or nothing, in one transaction: any bad row refuses the whole file (validation_failed, every problem in details with its row, column and code); products whose id exists are replaced (admins)',
      tag,
      auth: 'operator',
      multipart: true,
      response: z.object({ created: z.number(), updated: z.number() }),
      handler: async ({ operator, req }) => {
        authorize(operator!, 'product.manage');
        return importProducts(ctx, operator!, (await readCsvUpload(req, MAX_CSV_BYTES)).text);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/product-images/:workspaceId/:productId',
      operationId: 'getProductImage',
      summary:
        'The checked copy of a product’s image (public: widgets load it): fetched through the outbound guard, a PNG, JPEG, GIF, WebP or AVIF picture by its bytes, at most 5 MB; `v` only changes the address when the product does. A refused image is 404 (details.reason: no_image, blocked_address, unreachable, not_an_image, too_large)',
      tag,
      auth: 'none',
      params: productImageParams,
      query: z.object({ v: z.string().max(40).optional() }),
      produces: 'image/*',
      handler: async ({ params, reply }) => {
        try {
          const img = await images.get(params.workspaceId, params.productId);
          return reply
            .header('content-type', img.type)
            .header('content-length', String(img.bytes.length))
            .header('x-content-type-options', 'nosniff')
            .header('content-security-policy', "default-src 'none'; sandbox")
            .header('cache-control', 'public, max-age=86400')
            .header('cross-origin-resource-policy', 'cross-origin')
            .send(img.bytes);
        } catch (err) {
          if (err instanceof ImageRefused) throw imageNotFound(err.reason);
          throw err;
        }
      },
    }),
  ];
};
