package words

import (
	"regexp"
	"testing"
)

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

// TestMessagesKeepTheirVerbs: a Chinese text takes as many values as its
// English format (else Sayf would print %!v(MISSING) or %!(EXTRA ...)).
func TestMessagesKeepTheirVerbs(t *testing.T) {
	for en, zh := range messages {
		if got, want := len(verb.FindAllString(zh, -1)), len(verb.FindAllString(en, -1)); got != want {
			t.Errorf("%q: the Chinese %q has %d verbs, want %d", en, zh, got, want)
		}
	}
}
