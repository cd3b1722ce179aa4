package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // a finding of error severity, or a case that cannot be decided
	exitUsage = 2
)

// errUsage marks a usage error: the message has been printed with the usage.
var errUsage = errors.New("usage")

// errHelp reports that the usage was asked for and printed.
var errHelp = errors.New("help")

// env is what a command reads and writes.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(e env, args []string) (int, error)
}

func commands() []command {
	return []command{
		{"validate", "[-json] FILE...", "check framework and policy documents; extends resolve among the files", runValidate},
		{"eval", "[-framework REF] [-with FILE]... [-progress N] [CASES.jsonl]", "decide JSON lines of cases, one decision per line", runEval},
		{"explain", "[-framework REF] [-with FILE]... [-json] CODE...", "decide one case and explain the decision", runExplain},
		{"impact", "[-with FILE]... [-json] OLD NEW CASES.jsonl", "what changes when a corpus moves from one framework to another", runImpact},
		{"graph", "[-format mermaid|dot] [-with FILE]... POLICY", "draw a policy's allowed transitions", runGraph},
		{"holidays", "YEAR", "list the England and Wales bank holidays of a year", runHolidays},
		{"schema", "framework|policy", "print the JSON Schema of a document", runSchema},
	}
}

// usage writes the list of commands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: needs COMMAND [FLAGS] [ARGS]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  needs %s %s\n      %s\n", c.name, c.args, c.summary)
	}
}

// run runs the command line args and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		code, err := c.run(e, args[1:])
		switch {
		case errors.Is(err, errUsage):
			return exitUsage
		case errors.Is(err, errHelp):
			return exitOK
		case err != nil:
			fmt.Fprintf(stderr, "needs %s: %v\n", c.name, err)
			return exitFail
		}
		return code
	}
	fmt.Fprintln(stderr, "needs: unknown command")
	usage(stderr)
	return exitUsage
}

// flags returns a flag set for a command whose errors and usage go to e.stderr.
func flags(e env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("needs "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	for _, c := range commands() {
		if c.name == name {
			fs.Usage = func() {
				fmt.Fprintf(fs.Output(), "usage: needs %s %s\n", c.name, c.args)
				fs.PrintDefaults()
			}
		}
	}
	return fs
}

// parseFlags parses args and checks the number of positional arguments is within
// [min, max] (max < 0: no limit).
func parseFlags(e env, fs *flag.FlagSet, args []string, min, max int) error {
	fs.SetOutput(io.Discard) // the flag package quotes bad values back: say it without them
	err := fs.Parse(args)
	fs.SetOutput(e.stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return errHelp
	case err != nil:
		fmt.Fprintf(e.stderr, "needs %s: a flag is not defined or has a bad value\n", strings.TrimPrefix(fs.Name(), "needs "))
		fs.Usage()
		return errUsage
	}
	if n := fs.NArg(); n < min || (max >= 0 && n > max) {
		fmt.Fprintf(e.stderr, "needs %s: wrong number of arguments\n", strings.TrimPrefix(fs.Name(), "needs "))
		fs.Usage()
		return errUsage
	}
	return nil
}

// files is a repeatable -with flag.
type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(s string) error { *f = append(*f, s); return nil }
