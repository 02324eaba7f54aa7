package main

import (
	"fmt"
	"io"
)

// runReport is a placeholder until the command lands; delete this file then.
func runReport(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "kepu report: not available in this build yet")
	return exitUsage
}
