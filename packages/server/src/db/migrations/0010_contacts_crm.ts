import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * Contacts as a CRM: the workspace's custom attribute definitions, notes
 * operators write on a contact, labels on contacts (a join table for the
 * label filter, and the ids again in `contacts.labels`), CSV imports and
 * what an import stages before it is made visible in one step.
 *
 * On contacts: `search_text` (name, email, phone with and without its
 * punctuation, company; lower-cased, accents removed) for the search box,
 * `sort_name` for sorting by name, `company_key` for the company filter,
 * and `import_id`, set on contacts an import created: hidden from every
 * read until that import is `done` (see contact/import/README.md). Each
 * list order has its index; "last seen" puts never-seen contacts last,
 * which PostgreSQL needs spelled out in its index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('contact_attributes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_attributes_key').on('contact_attributes').columns(['workspace_id', 'key']).unique().execute();
  await db.schema.createIndex('contact_attributes_position').on('contact_attributes').columns(['workspace_id', 'position']).execute();

  await db.schema
    .createTable('contact_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_notes_contact').on('contact_notes').columns(['contact_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('contact_labels')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('label_id', 'text', (c) => c.notNull().references('labels.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_labels_pk', ['contact_id', 'label_id'])
    .execute();
  await db.schema.createIndex('contact_labels_label').on('contact_labels').columns(['label_id', 'contact_id']).execute();

  await db.schema
    .createTable('contact_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('csv', 'text', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('contact_imports_workspace').on('contact_imports').columns(['workspace_id', 'status']).execute();

  // What an import will change on contacts that exist, applied in its final step.
  await db.schema
    .createTable('contact_import_updates')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('company', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('sort_name', 'text', (c) => c.notNull())
    .addColumn('company_key', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_import_updates_pk', ['import_id', 'contact_id'])
    .execute();
  await db.schema
    .createTable('contact_import_labels')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('label_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_import_labels_pk', ['import_id', 'contact_id', 'label_id'])
    .execute();

  await db.schema
    .alterTable('contacts')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('contacts')
    .addColumn('sort_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('contacts').addColumn('company_key', 'text').execute();
  await db.schema.alterTable('contacts').addColumn('import_id', 'text').execute();
  await db.schema.createIndex('contacts_sort_name').on('contacts').columns(['workspace_id', 'sort_name', 'id']).execute();
  await db.schema.createIndex('contacts_created').on('contacts').columns(['workspace_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('contacts_company').on('contacts').columns(['workspace_id', 'company_key']).execute();
  await db.schema.createIndex('contacts_import').on('contacts').column('import_id').where(sql<boolean>`import_id is not null`).execute();
  // Newest first, never seen last: SQLite sorts NULL lowest (last when descending); PostgreSQL is told.
  await sql
    .raw(
      sqlite
        ? 'create index contacts_last_seen on contacts (workspace_id, last_seen_at desc, id desc)'
        : 'create index contacts_last_seen on contacts (workspace_id, last_seen_at desc nulls last, id desc)',
    )
    .execute(db);
  // The keys in SQL: for contacts written before, and for any code that writes a contact's fields without
  // them (the contact module writes them itself, with accents folded, which SQL cannot do). A trigger fills
  // them when an insert leaves them empty or an update changes the fields and not them.
  const sep = sqlite ? 'char(10)' : 'chr(10)';
  const keysOf = (r: string) => {
    const c = (col: string) => `coalesce(${r}${col}, '')`;
    let digits = c('phone');
    for (const ch of [' ', '-', '(', ')', '.', '/', '+']) digits = `replace(${digits}, '${ch}', '')`;
    return {
      search: `lower(${[c('name'), c('email'), c('phone'), digits, c('company')].join(` || ${sep} || `)})`,
      sort: `lower(coalesce(${r}name, ${r}email, ${r}phone, ${r}company, ''))`,
      company: `lower(${r}company)`,
    };
  };
  const before = keysOf('');
  await sql.raw(`update contacts set search_text = ${before.search}, sort_name = ${before.sort}, company_key = ${before.company}`).execute(db);
  const k = keysOf('new.');
  if (sqlite) {
    const set = `search_text = ${k.search}, sort_name = ${k.sort}, company_key = ${k.company}`;
    await sql
      .raw(`create trigger contacts_keys_insert after insert on contacts when new.search_text = '' begin update contacts set ${set} where id = new.id; end`)
      .execute(db);
    await sql
      .raw(
        `create trigger contacts_keys_update after update of name, email, phone, company on contacts when new.search_text = old.search_text
         begin update contacts set ${set} where id = new.id; end`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create function contacts_keys() returns trigger language plpgsql as $$
       begin
         if tg_op = 'INSERT' and new.search_text <> '' then return new; end if;
         if tg_op = 'UPDATE' and new.search_text is distinct from old.search_text then return new; end if;
         new.search_text := ${k.search};
         new.sort_name := ${k.sort};
         new.company_key := ${k.company};
         return new;
       end $$`,
    )
    .execute(db);
  await sql
    .raw('create trigger contacts_keys before insert or update of name, email, phone, company on contacts for each row execute function contacts_keys()')
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`drop trigger if exists contacts_keys_insert`.execute(db);
    await sql`drop trigger if exists contacts_keys_update`.execute(db);
  } else {
    await sql`drop trigger if exists contacts_keys on contacts`.execute(db);
    await sql`drop function if exists contacts_keys()`.execute(db);
  }
  for (const i of ['contacts_last_seen', 'contacts_import', 'contacts_company', 'contacts_created', 'contacts_sort_name']) {
    await db.schema.dropIndex(i).execute();
  }
  for (const c of ['import_id', 'company_key', 'sort_name', 'search_text']) await db.schema.alterTable('contacts').dropColumn(c).execute();
  for (const t of ['contact_import_labels', 'contact_import_updates', 'contact_imports', 'contact_labels', 'contact_notes', 'contact_attributes']) {
    await db.schema.dropTable(t).execute();
  }
}
