package main

import (
	"os"
	"strings"
	"testing"

	"github.com/kepu/kepu/data/words"
)

// TestMain runs the tests in kepu's default language, Chinese, whatever
// the machine's locale: expectations are written in it.
func TestMain(m *testing.M) {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		os.Unsetenv(k)
	}
	os.Exit(m.Run())
}

func TestLangOf(t *testing.T) {
	for _, tc := range []struct {
		env  string
		args []string
		want words.Lang
	}{
		{"", []string{"check"}, words.ZH},
		{"C.UTF-8", []string{"check"}, words.ZH},
		{"zh_CN.UTF-8", []string{"check"}, words.ZH},
		{"en_US.UTF-8", []string{"check"}, words.EN},
		{"en_US.UTF-8", []string{"check", "--lang", "zh"}, words.ZH},
		{"", []string{"check", "--lang", "en"}, words.EN},
		{"", []string{"check", "-lang=en"}, words.EN},
		{"", []string{"check", "--lang", "fr"}, words.ZH}, // refused by the command
	} {
		t.Setenv("LANG", tc.env)
		if got := langOf(tc.args); got != tc.want {
			t.Errorf("LANG=%q kepu %v: got %q, want %q", tc.env, tc.args, got, tc.want)
		}
	}
}

// TestEnglishFromTheEnvironment: LANG=en* gives English help, errors and
// text without --lang; usage errors still exit 2.
func TestEnglishFromTheEnvironment(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--help"}, exitPass, "evaluate every rule and print a summary"},
		{[]string{"gaps", "--rule", "nope"}, exitUsage, `kepu gaps: --rule "nope": unknown rule`},
		{[]string{"gaps", "--nope"}, exitUsage, "kepu gaps: flag provided but not defined: -nope"},
		{[]string{"gaps", "--rule", "caravan_reach"}, exitGap, "nearest open caravan 168.1 km from the seat, reach 60 km; no caravan visit in the period"},
	} {
		code, out, errs := runKepu(tc.args...)
		if code != tc.code || !strings.Contains(out+errs, tc.want) {
			t.Errorf("LANG=en_US.UTF-8 kepu %v: exit %d, output %.300q; want %d and %q", tc.args, code, out+errs, tc.code, tc.want)
		}
	}
}
