/** Row types of visits and page views (migration 0012), added to Kysely's Database. */
import type { Generated, Selectable } from 'kysely';

export interface VisitTable {
  id: string;
  workspace_id: string;
  visitor_id: string;
  /** 1 for the visitor's first visit, 2 for the next… */
  number: number;
  started_at: number;
  last_activity_at: number;
  landing_url: string;
  referrer: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  /** desktop, mobile, tablet, tv, bot… (bowser's platform type) */
  device: string | null;
  browser: string | null;
  browser_version: string | null;
  os: string | null;
  page_views: Generated<number>;
}

export interface PageViewTable {
  id: string;
  workspace_id: string;
  visitor_id: string;
  visit_id: string;
  url: string;
  title: string | null;
  started_at: number;
  last_seen_at: number;
}

export type VisitRow = Selectable<VisitTable>;
export type PageViewRow = Selectable<PageViewTable>;

declare module '../db/tables.js' {
  interface Database {
    visits: VisitTable;
    page_views: PageViewTable;
  }
}
