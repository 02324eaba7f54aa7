package main

import (
	"fmt"
	"io"
)

// runServe is a placeholder until the command lands; delete this file then.
func runServe(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "kepu serve: not available in this build yet")
	return exitUsage
}
