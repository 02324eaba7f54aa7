package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanCommand: on the sample, 32 万元 buys exactly one 40 m² expansion
// of a 960 m² venue at the placeholder 0.8 per m²; the neediest such
// county is 松山区 (150404, VE2600046).
func TestPlanCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"plan", "--budget", "32", "--format", "json"}, &out, &errb); code != exitPass {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var doc struct {
		Sample           bool    `json:"sample"`
		CostsPlaceholder bool    `json:"costs_placeholder"`
		Spent            float64 `json:"spent"`
		Optimal          bool    `json:"optimal"`
		Actions          []struct {
			ID     string  `json:"id"`
			AddM2  float64 `json:"add_m2"`
			County string  `json:"county"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Sample || !doc.CostsPlaceholder || doc.Spent != 32 || !doc.Optimal || len(doc.Actions) != 1 ||
		doc.Actions[0].ID != "expand_venue:VE2600046" || doc.Actions[0].AddM2 != 40 || doc.Actions[0].County != "150404" {
		t.Errorf("got %+v, want the sample, placeholder costs, one optimal expansion of VE2600046 in 150404 by 40 m² for 32", doc)
	}

	out.Reset()
	if code := run([]string{"plan", "--budget", "32", "--lang", "en"}, &out, &errb); code != exitPass ||
		!strings.Contains(out.String(), "[sample data]") || !strings.Contains(out.String(), "costs are placeholders") ||
		!strings.Contains(out.String(), "expand venue 松山区") || !strings.Contains(out.String(), "Proven optimal") {
		t.Errorf("text: got %q", out.String())
	}
}

// TestPlanCostsFromRulesFile: a rules file naming every cost clears the
// placeholder flag and its prices apply (expansion 2 per m²: 80 for 40 m²).
func TestPlanCostsFromRulesFile(t *testing.T) {
	rules := filepath.Join(t.TempDir(), "rules.yaml")
	os.WriteFile(rules, []byte("costs: {venue_build_per_m2: 1, venue_build_fixed: 800, venue_expand_per_m2: 2, caravan_vehicle: 200, caravan_yearly: 20, base_upgrade: 10}\n"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"plan", "--rules", rules, "--budget", "80", "--format", "csv"}, &out, &errb); code != exitPass {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "1,expand_venue:VE2600046,expand_venue,,150404,") || !strings.Contains(lines[1], ",80,万元,false,") {
		t.Errorf("got %q, want one expansion of VE2600046 costing 80 万元, placeholder false", lines)
	}
}

func TestPlanCommandRefusesBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"plan"},
		{"plan", "--budget", "-1"},
		{"plan", "--budget", "NaN"},
		{"plan", "--budget", "Inf"},
		{"plan", "--budget", "ten"},
		{"plan", "--budget", "10", "--years", "2030-2026"},
		{"plan", "--budget", "10", "--years", "2026"},
		{"plan", "--yearly-budget", "1,2"},
		{"plan", "--yearly-budget", "1,-2,3,4,5"},
		{"plan", "--budget", "10", "--radius-km", "0"},
		{"plan", "--budget", "10", "--format", "xml"},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != exitUsage || !strings.Contains(errb.String(), "kepu plan") {
			t.Errorf("%v: got exit %d, stderr %q; want exit 2 with a message", args, code, errb.String())
		}
	}
}
