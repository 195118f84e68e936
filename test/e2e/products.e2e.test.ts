/**
 * Settings → Products in real Chromium: an admin imports a catalogue CSV
 * with a bad row (sees the report, nothing is imported), fixes the file,
 * imports it, searches the catalogue and edits a product; axe finds nothing
 * serious in the section or the dialogs.
 */
import type { ProductDto } from '@switchboard/protocol';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
const visible = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'visible', timeout });
const gone = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'hidden', timeout });

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const header = 'id,name,description,price,currency,image_url,page_url,category,tags,stock,attributes,accessories,alternatives';
const rows = (bad: boolean) =>
  [
    header,
    'lamp-1,Desk lamp,Brass,49.90,EUR,,https://shop.example/lamp,Lighting,led|office,in_stock,color=brass|height_cm=40,bulb-1,lamp-2',
    bad ? 'lamp-2,Floor lamp,,eighty,EUR,,,Lighting,,in_stock,,,' : 'lamp-2,Floor lamp,,80,EUR,,,Lighting,,in_stock,,,',
    'bulb-1,LED bulb,,4.50,EUR,,,Parts,,preorder,,,',
  ].join('\n');

describe('Settings → Products', () => {
  it('refuses a file with a bad row, imports the fixed one, searches and edits a product', async () => {
    await page.goto(`${s.url}/console/`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Products' });
    await visible(section.getByText('No products yet.'));

    await section.getByRole('button', { name: 'Import products' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import products' });
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'catalogue.csv', mimeType: 'text/csv', buffer: Buffer.from(rows(true)) });
    const refused = dialog.getByRole('table', { name: 'Refused rows' });
    await visible(refused);
    const cells = await refused.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['3', 'price']);
    expect(cells[2]).toContain('Enter the price as a number');
    expect(await dialog.getByRole('button', { name: /^Import \d+ products?$/ }).count()).toBe(0);
    expect(await axeProblems(page, { include: 'dialog[open]' })).toEqual([]);
    const token = await login(s.url);
    expect((await api<{ items: ProductDto[] }>(s.url, '/api/v1/products', { token })).body.items).toEqual([]);

    await dialog.getByLabel('CSV file').setInputFiles({ name: 'catalogue.csv', mimeType: 'text/csv', buffer: Buffer.from(rows(false)) });
    const first = dialog.getByRole('table', { name: 'First products' });
    await visible(first.getByRole('cell', { name: 'Desk lamp' }));
    await visible(first.getByRole('cell', { name: '€49.90' }));
    await dialog.getByRole('button', { name: 'Import 3 products' }).click();
    await visible(dialog.getByText('Imported: 3 new products, 0 updated.'));
    await dialog.getByRole('button', { name: 'Close' }).click();
    await gone(dialog);

    const table = section.getByRole('table', { name: 'Products' });
    await visible(table.getByRole('cell', { name: /^Floor lamp/ }));
    await section.getByLabel('Search products').fill('bulb');
    await gone(table.getByRole('cell', { name: /^Desk lamp/ }));
    await visible(table.getByRole('cell', { name: /^LED bulb/ }));
    await section.getByLabel('Search products').fill('');
    await section.getByLabel('Category').selectOption('Lighting');
    await gone(table.getByRole('cell', { name: /^LED bulb/ }));
    await visible(table.getByRole('cell', { name: '€49.90' }));
    expect(await axeProblems(page, { include: 'section[aria-labelledby="products-title"]' })).toEqual([]);

    await section.getByRole('button', { name: 'Edit Desk lamp' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit product Desk lamp' });
    expect(await edit.getByLabel('Product ID').inputValue()).toBe('lamp-1');
    expect(await edit.getByLabel('Attributes').inputValue()).toBe('color=brass\nheight_cm=40');
    await edit.getByLabel('Price').fill('12,5');
    await edit.getByRole('button', { name: 'Save product' }).click();
    await visible(edit.getByText('Enter the price as a number'));
    expect(await edit.getByLabel('Price').getAttribute('aria-invalid')).toBe('true');
    expect(await axeProblems(page, { include: 'dialog[open]' })).toEqual([]);
    await edit.getByLabel('Price').fill('39.50');
    await edit.getByLabel('Name').fill('Desk lamp Pro');
    await edit.getByRole('button', { name: 'Save product' }).click();
    await gone(edit);
    await visible(table.getByRole('cell', { name: '€39.50' }));
    const saved = await api<ProductDto>(s.url, '/api/v1/products/lamp-1', { token });
    expect(saved.body).toMatchObject({
      name: 'Desk lamp Pro',
      priceMinor: 3950,
      attributes: { color: 'brass', height_cm: 40 },
      related: { accessories: ['bulb-1'] },
    });
  });
});
