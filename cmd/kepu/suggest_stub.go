package main

import (
	"fmt"
	"io"
)

// runSuggest is a placeholder until the command lands; delete this file then.
func runSuggest(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "kepu suggest: not available in this build yet")
	return exitUsage
}
