-- Nearest first without reading every row: a GiST index on the point, for ORDER BY <-> (KNN).
-- Plain degrees: good enough to pick candidates; the exact distance is computed on those alone.
UPDATE dir_search s SET name = v.name FROM dir_services v
 WHERE v.city_id = s.city_id AND v.service_id = s.service_id AND s.name = '';
--> statement-breakpoint
CREATE INDEX dir_search_point_knn_idx ON dir_search USING gist (point(longitude, latitude))
  WHERE active AND latitude IS NOT NULL AND longitude IS NOT NULL;
