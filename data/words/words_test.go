package words_test

import (
	"testing"

	"github.com/kepu/kepu/data/words"
)

func TestFigure(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{{0, "0"}, {960, "960"}, {1000, "1,000"}, {20456.25, "20,456.2"}, {2334393, "2,334,393"}, {-1500, "-1,500"}, {7.9, "7.9"}} {
		if got := words.Figure(tc.in); got != tc.want {
			t.Errorf("words.Figure(%v): got %q, want %q", tc.in, got, tc.want)
		}
	}
}
