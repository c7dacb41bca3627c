package main

import (
	"context"
	"strings"
	"testing"
)

// TestVerifyTooShort: a claim too short to identify anyone ("the") is
// refused with a usage error that says so, not answered as if it told who
// said it.
func TestVerifyTooShort(t *testing.T) {
	for _, claim := range []string{"the", "We are", `Psaki said: "the president"`} {
		t.Run(claim, func(t *testing.T) {
			r := runCLI(t, context.Background(), map[string]string{"ONRECORD_DATA": t.TempDir()}, "verify", "--json", claim)
			if !isUsage(r.err) || !strings.Contains(r.err.Error(), "too short to check") {
				t.Errorf("err = %v, want a usage error saying the claim is too short", r.err)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
		})
	}
	r := runCLI(t, context.Background(), map[string]string{"ONRECORD_DATA": t.TempDir()}, "verify", "--json", "basis of emotion")
	if r.err != nil || !strings.Contains(r.stdout, `"verdict": "verbatim"`) {
		t.Errorf("a short claim of two content words: err %v, stdout %s", r.err, r.stdout)
	}
}
