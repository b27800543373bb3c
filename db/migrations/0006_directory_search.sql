-- Search of the welfare directory: Italian stemming with accents folded, typo correction through a
-- lexicon with trigram similarity. unaccent and pg_trgm are trusted extensions (PostgreSQL >= 13):
-- the database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is STABLE (its dictionary could change); pinned to one dictionary it is safe to index.
CREATE OR REPLACE FUNCTION noi_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION noi_search_document(name text, weight_b text, weight_c text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT setweight(to_tsvector('italian', noi_unaccent(coalesce(name, ''))), 'A')
      || setweight(to_tsvector('italian', noi_unaccent(coalesce(weight_b, ''))), 'B')
      || setweight(to_tsvector('italian', noi_unaccent(coalesce(weight_c, ''))), 'C')
$$;
--> statement-breakpoint
COMMENT ON TABLE dir_categories IS 'shared vocabulary: the programme''s categories of services (HSDS taxonomy cittadelnoi)';
--> statement-breakpoint
COMMENT ON TABLE dir_lexicon IS 'shared vocabulary: words of directory texts, accents folded, for typo correction';
--> statement-breakpoint
CREATE INDEX dir_search_document_idx ON dir_search USING gin (document);
--> statement-breakpoint
CREATE INDEX dir_search_categories_idx ON dir_search USING gin (categories);
--> statement-breakpoint
CREATE INDEX dir_search_zone_idx ON dir_search (city_id, zone_code);
--> statement-breakpoint
CREATE INDEX dir_search_neighbourhood_idx ON dir_search (city_id, neighbourhood_code);
--> statement-breakpoint
CREATE INDEX dir_search_point_idx ON dir_search (city_id, latitude, longitude);
--> statement-breakpoint
CREATE INDEX dir_lexicon_trgm_idx ON dir_lexicon USING gin (word gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX dir_organizations_name_trgm_idx ON dir_organizations USING gin (noi_unaccent(lower(name)) gin_trgm_ops);
