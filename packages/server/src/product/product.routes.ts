import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { pageOf } from '../http/schemas.js';
import { productIdParam, productSchema, productsQuery } from './product.js';
import { getProduct, listProducts } from './product.service.js';

const tag = 'products';

/** The catalogue (E2): reading it. */
export const productRoutes = (ctx: Context) => [
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
    url: '/api/v1/products/:productId',
    operationId: 'getProduct',
    summary: 'One product of the catalogue',
    tag,
    auth: 'operator',
    params: productIdParam,
    response: productSchema,
    handler: async ({ operator, params }) => getProduct(ctx, operator!, params.productId),
  }),
];
