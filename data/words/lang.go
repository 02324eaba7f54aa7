package words

import "strings"

// Lang is the language of text for people: "zh" (the default) or "en".
type Lang string

// The languages kepu speaks.
const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// Pick is zh or en, whichever the language is; anything but "en" is Chinese.
func (l Lang) Pick(zh, en string) string {
	if l == EN {
		return en
	}
	return zh
}

// ParseLang reads a language as given on a command line or in ?lang=:
// "" is Chinese, "zh" and "en" (any case, with a region such as zh-CN) are
// themselves; anything else is an error.
func ParseLang(s string) (Lang, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "":
		return ZH, nil
	case s == "zh" || strings.HasPrefix(s, "zh-") || strings.HasPrefix(s, "zh_"):
		return ZH, nil
	case s == "en" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_"):
		return EN, nil
	}
	return ZH, Errorf("lang %q: use zh or en", s)
}

// FromEnv is the language the environment asks for: LC_ALL, LC_MESSAGES,
// then LANG, as getenv reads them; English when the first one set starts
// with "en", else Chinese (a C or POSIX locale, or none, is Chinese: kepu
// speaks Chinese first).
func FromEnv(getenv func(string) string) Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "en") {
				return EN
			}
			return ZH
		}
	}
	return ZH
}
