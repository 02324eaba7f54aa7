package gpkg_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/kepu/kepu/data/gpkg"
)

func TestDeleteScenario(t *testing.T) {
	ctx := context.Background()
	s, err := gpkg.Open(ctx, filepath.Join(t.TempDir(), "kepu.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveScenario(ctx, "甲", "SC1", "新馆", json.RawMessage(`{"id":"SC1"}`), json.RawMessage(`{"id":"SC1","author":"甲"}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteScenario(ctx, "甲", "SC1"); err != nil {
		t.Fatalf("DeleteScenario: %v", err)
	}
	if _, err := s.ScenarioBody(ctx, "SC1"); !errors.Is(err, gpkg.ErrNotFound) {
		t.Errorf("body after delete: got %v, want ErrNotFound", err)
	}
	if err := s.DeleteScenario(ctx, "甲", "SC1"); !errors.Is(err, gpkg.ErrNotFound) {
		t.Errorf("second delete: got %v, want ErrNotFound", err)
	}
	var who, action, before string
	if err := rawDB(t, s.Path()).QueryRow("SELECT who, action, before FROM audit WHERE kind = 'scenario' AND record_id = 'SC1' ORDER BY fid DESC LIMIT 1").
		Scan(&who, &action, &before); err != nil {
		t.Fatal(err)
	}
	var was struct{ ID, Name string }
	if err := json.Unmarshal([]byte(before), &was); err != nil || who != "甲" || action != "delete" || was.ID != "SC1" || was.Name != "新馆" {
		t.Errorf("audit: %s by %s of %s (%v), want delete by 甲 of SC1 新馆", action, who, before, err)
	}
}
