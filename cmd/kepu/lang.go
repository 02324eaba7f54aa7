package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
)

// console is the error stream with the language its reader asked for, so
// that usage and error messages are said in it wherever they are written.
type console struct {
	io.Writer
	lang words.Lang
}

// langOf is the language the command line asks for: --lang (or -lang)
// wherever it stands, else the environment's (LANG=en* is English), else
// Chinese. A --lang value kepu does not know is left to the command's
// input checks (exit 2).
func langOf(args []string) words.Lang {
	for i, a := range args {
		name, v, hasV := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasV && i+1 < len(args) {
			v = args[i+1]
		}
		if l, err := words.ParseLang(v); err == nil {
			return l
		}
	}
	return words.FromEnv(os.Getenv)
}

// langOfOutput is the language of w when it is a console, else the
// environment's.
func langOfOutput(w io.Writer) words.Lang {
	if c, ok := w.(*console); ok {
		return c.lang
	}
	return words.FromEnv(os.Getenv)
}

// sayError is err for the person at the terminal.
func sayError(err error, lang words.Lang) string { return data.SayError(err, lang) }

// flagErrors are the flag package's errors, with the words message each
// says.
var flagErrors = []struct {
	re     *regexp.Regexp
	format string
}{
	{regexp.MustCompile(`^flag provided but not defined: (.*)$`), "flag provided but not defined: %s"},
	{regexp.MustCompile(`^flag needs an argument: (.*)$`), "flag needs an argument: %s"},
	{regexp.MustCompile(`^invalid boolean value "(.*)" for (\S+): (.*)$`), "invalid boolean value %q for %s: %v"},
	{regexp.MustCompile(`^invalid value "(.*)" for flag (\S+): (.*)$`), "invalid value %q for flag %s: %v"},
}

// sayFlagError says a flag-parsing error in the language.
func sayFlagError(err error, lang words.Lang) string {
	msg := err.Error()
	for _, fe := range flagErrors {
		if m := fe.re.FindStringSubmatch(msg); m != nil {
			args := make([]any, len(m)-1)
			for i, s := range m[1:] {
				args[i] = s
			}
			return words.Sayf(lang, fe.format, args...)
		}
	}
	return msg
}

// printUsage writes a command's flags with their help in the language.
func printUsage(w io.Writer, fs *flag.FlagSet, lang words.Lang) {
	fmt.Fprintln(w, words.Sayf(lang, "usage: kepu %s [flags]\n\nflags:", fs.Name()))
	fs.VisitAll(func(f *flag.Flag) {
		kind, _ := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if kind != "" {
			line += " " + words.Say(lang, "<"+kind+">")
		}
		help := words.Say(lang, f.Usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "0s" && f.DefValue != "[]" {
			help += " " + words.Sayf(lang, "(default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, help)
	})
}

// parseFlags parses args, saying -h and every usage error in the
// language; ok is false when the command must stop with code.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer, usageLine string) (code int, ok bool) {
	lang := langOfOutput(stderr)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {} // said below, after the error
	usage := func() {
		if usageLine != "" {
			fmt.Fprintln(stderr, words.Say(lang, usageLine))
		}
		printUsage(stderr, fs, lang)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return exitPass, false
		}
		fmt.Fprintf(stderr, "kepu %s%s%s\n", fs.Name(), lang.Pick("：", ": "), sayFlagError(err, lang))
		usage()
		return exitUsage, false
	}
	fs.SetOutput(stderr) // for the commands' notices
	return 0, true
}
