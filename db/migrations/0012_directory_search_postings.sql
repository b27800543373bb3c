-- The search document's words one by one, in order of weight (decision 0011). A search reads the
-- best places for its rarest word first and stops when it has enough, instead of building a bitmap
-- of every place with a common word. "C" collation: byte order, cheap comparisons.
CREATE TABLE "dir_search_postings" (
	"city_id" integer NOT NULL,
	"term" text COLLATE "C" NOT NULL,
	"impact" real NOT NULL,
	"service_at_location_id" uuid NOT NULL,
	CONSTRAINT "dir_search_postings_city_id_term_impact_service_at_location_id_pk" PRIMARY KEY("city_id","term","impact","service_at_location_id")
);
--> statement-breakpoint
-- How many active places of the city have each word: the rarest word of a search leads.
CREATE TABLE "dir_search_terms" (
	"city_id" integer NOT NULL,
	"term" text COLLATE "C" NOT NULL,
	"documents" integer NOT NULL,
	CONSTRAINT "dir_search_terms_city_id_term_pk" PRIMARY KEY("city_id","term")
);
--> statement-breakpoint
-- Each word of a search document with its weight there: the ts_rank of that word alone, so that for a
-- one-word search the postings' order is the order of relevance.
CREATE OR REPLACE FUNCTION noi_search_postings(document tsvector)
RETURNS TABLE (term text, impact real)
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT l.lexeme, ts_rank(document, quote_literal(l.lexeme)::tsquery) FROM unnest(document) AS l
$$;
--> statement-breakpoint
-- Keeps the postings and the word counts in step with dir_search, statement by statement (transition
-- tables: one INSERT … SELECT per statement, whatever the number of rows). The counts are changed in
-- the order of the words; refreshSearch also takes a lock per city, so two refreshes do not deadlock.
CREATE OR REPLACE FUNCTION noi_dir_search_postings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    DELETE FROM dir_search_postings d
     USING (SELECT o.city_id, p.term, p.impact, o.service_at_location_id
              FROM old_rows o CROSS JOIN LATERAL noi_search_postings(o.document) p
             WHERE o.active) x
     WHERE d.city_id = x.city_id AND d.term = x.term AND d.impact = x.impact
       AND d.service_at_location_id = x.service_at_location_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO dir_search_postings (city_id, term, impact, service_at_location_id)
    SELECT n.city_id, p.term, p.impact, n.service_at_location_id
      FROM new_rows n CROSS JOIN LATERAL noi_search_postings(n.document) p
     WHERE n.active;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dir_search_terms (city_id, term, documents)
    SELECT n.city_id, l.lexeme, count(*) FROM new_rows n, unnest(n.document) l WHERE n.active
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (city_id, term) DO UPDATE SET documents = dir_search_terms.documents + EXCLUDED.documents;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO dir_search_terms (city_id, term, documents)
    SELECT o.city_id, l.lexeme, -count(*) FROM old_rows o, unnest(o.document) l WHERE o.active
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (city_id, term) DO UPDATE SET documents = dir_search_terms.documents + EXCLUDED.documents;
  ELSE
    INSERT INTO dir_search_terms (city_id, term, documents)
    SELECT d.city_id, d.term, sum(d.n) FROM (
      SELECT o.city_id, l.lexeme AS term, -1 AS n FROM old_rows o, unnest(o.document) l WHERE o.active
      UNION ALL
      SELECT n.city_id, l.lexeme, 1 FROM new_rows n, unnest(n.document) l WHERE n.active) d
     GROUP BY 1, 2 HAVING sum(d.n) <> 0 ORDER BY 1, 2
    ON CONFLICT (city_id, term) DO UPDATE SET documents = dir_search_terms.documents + EXCLUDED.documents;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dir_search_postings_insert AFTER INSERT ON dir_search
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION noi_dir_search_postings();
--> statement-breakpoint
CREATE TRIGGER dir_search_postings_delete AFTER DELETE ON dir_search
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION noi_dir_search_postings();
--> statement-breakpoint
CREATE TRIGGER dir_search_postings_update AFTER UPDATE ON dir_search
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION noi_dir_search_postings();
--> statement-breakpoint
INSERT INTO dir_search_postings (city_id, term, impact, service_at_location_id)
SELECT s.city_id, p.term, p.impact, s.service_at_location_id
  FROM dir_search s CROSS JOIN LATERAL noi_search_postings(s.document) p
 WHERE s.active;
--> statement-breakpoint
INSERT INTO dir_search_terms (city_id, term, documents)
SELECT city_id, term, count(*) FROM dir_search_postings GROUP BY 1, 2;
--> statement-breakpoint
-- Without words, a search is in order of name (in a neighbourhood, in a zone, or in the city): read in
-- that order from an index and stopped at the page's end.
DROP INDEX IF EXISTS dir_search_zone_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS dir_search_neighbourhood_idx;
--> statement-breakpoint
CREATE INDEX dir_search_zone_name_idx ON dir_search (city_id, zone_code, name COLLATE "it-IT-x-icu") WHERE active;
--> statement-breakpoint
CREATE INDEX dir_search_neighbourhood_name_idx ON dir_search (city_id, neighbourhood_code, name COLLATE "it-IT-x-icu") WHERE active;
--> statement-breakpoint
CREATE INDEX dir_search_name_idx ON dir_search (city_id, name COLLATE "it-IT-x-icu") WHERE active;
