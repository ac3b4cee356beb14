package main

import "context"

func runDoctor(ctx context.Context, e *env, args []string) error { return usagef("not yet") }
