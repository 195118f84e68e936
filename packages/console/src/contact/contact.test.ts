import type { ContactAttributeDto } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from '../router';
import { draftOf, toValue } from './AttributeField';
import { contactName } from './ContactAvatar';
import { filterQuery } from './contact-api';

const def = (type: ContactAttributeDto['type'], options: string[] = []): ContactAttributeDto => ({ id: 'a', key: 'k', label: 'K', type, options, position: 0 });

describe('contact routes', () => {
  it('parses the Contacts page and a contact’s page, and writes them back', () => {
    expect(parseRoute('#/contacts')).toEqual({ name: 'contacts' });
    expect(parseRoute('#/contacts/Vcz9abc')).toEqual({ name: 'contact', id: 'Vcz9abc' });
    expect(parseRoute('#/contacts/<script>')).toEqual({ name: 'contacts' });
    for (const r of [{ name: 'contacts' } as const, { name: 'contact', id: 'Vcz9abc' } as const]) expect(parseRoute(hrefOf(r))).toEqual(r);
  });
});

describe('contact filters', () => {
  it('leave empty filters out of the query', () => {
    expect(filterQuery({ sort: 'name', q: '', label: undefined, company: 'Acme & Co' })).toBe('?sort=name&company=Acme+%26+Co');
    expect(filterQuery({ sort: 'updated' }, { cursor: undefined, limit: 30 })).toBe('?sort=updated&limit=30');
  });
});

describe('attribute values in forms', () => {
  it('send numbers as numbers, empty as null (cleared), checkboxes as booleans', () => {
    expect(toValue(def('number'), '12.5')).toBe(12.5);
    // Not a number: sent as written, for the server to say what is wrong.
    expect(toValue(def('number'), 'ten')).toBe('ten');
    expect(toValue(def('text'), '  ')).toBeNull();
    expect(toValue(def('boolean'), false)).toBe(false);
    expect(toValue(def('list', ['Free', 'Pro']), 'Pro')).toBe('Pro');
    expect(draftOf(def('boolean'), undefined)).toBe(false);
    expect(draftOf(def('number'), 3)).toBe('3');
  });

  it('name a contact by its name, else its email, phone or company', () => {
    expect(contactName({ name: null, email: 'a@b.test' })).toBe('a@b.test');
    expect(contactName({ name: null, email: null, phone: null, company: 'Acme' })).toBe('Acme');
    expect(contactName({ name: null, email: null })).toBe('Unnamed contact');
  });
});
