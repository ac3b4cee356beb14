package mail

import (
	"encoding/base64"
	"strings"
	"testing"
)

func decodeB64(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(b)), ""))
	if err != nil {
		t.Fatalf("base64 part: %v", err)
	}
	return out
}
