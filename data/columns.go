package data

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// ReadColumns reads a --columns file: YAML mapping spreadsheet headers to
// the fields they hold (`馆名: name`, `Area (sqm): floor_area_m2`). A field
// kepu does not know is refused, with the list of those it does.
func ReadColumns(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("data: --columns: %w", err)
	}
	var m map[string]string
	if err := yaml.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("data: %s: want YAML lines \"header: field\": %v", path, err)
	}
	known := map[string]bool{"lon": true, "lat": true, "address": true, "closed": true}
	for _, k := range append(append([]string(nil), FacilityKeys...), EventKeys...) {
		known[k] = true
	}
	out := make(map[string]string, len(m))
	for h, f := range m {
		f = strings.TrimSpace(f)
		if !known[f] {
			var names []string
			for k := range known {
				names = append(names, k)
			}
			sort.Strings(names)
			return nil, fmt.Errorf("data: %s: header %q: unknown field %q (fields: %s)", path, h, f, strings.Join(names, ", "))
		}
		out[strings.TrimSpace(h)] = f
	}
	return out, nil
}
