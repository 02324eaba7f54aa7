package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
)

func TestDeleteScenario(t *testing.T) {
	ctx := context.Background()
	s := openFresh(t)
	if err := s.SaveScenario(ctx, "甲", "SC1", "新馆", json.RawMessage(`{"id":"SC1"}`), json.RawMessage(`{"id":"SC1","author":"甲"}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteScenario(ctx, "甲", "SC1"); err != nil {
		t.Fatalf("DeleteScenario: %v", err)
	}
	if _, err := s.ScenarioBody(ctx, "SC1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("body after delete: got %v, want ErrNotFound", err)
	}
	if err := s.DeleteScenario(ctx, "甲", "SC1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: got %v, want ErrNotFound", err)
	}
	list, err := s.ScenarioSummaries(ctx)
	if err != nil || len(list) != 0 {
		t.Errorf("summaries after delete: %s, %v; want none", list, err)
	}
	var who, action, name string
	if err := s.pool.QueryRow(ctx, "SELECT who, action, before->>'name' FROM audit WHERE kind = 'scenario' AND record_id = 'SC1' ORDER BY fid DESC LIMIT 1").
		Scan(&who, &action, &name); err != nil {
		t.Fatal(err)
	}
	if who != "甲" || action != "delete" || name != "新馆" {
		t.Errorf("audit: %s by %s of %q, want delete by 甲 of 新馆", action, who, name)
	}
}
