package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// FuzzHandlers sends arbitrary bodies to both POST endpoints. Beyond not panicking:
// every answer is 200 JSON or an RFC 9457 problem with a code; a problem lists at most
// maxResponseFindings findings; no answer is larger than a bound; and no error answer
// repeats the seeds' marker, wherever the fuzzer moves it.
func FuzzHandlers(f *testing.F) {
	f.Add(validDecision)
	f.Add(validReferral)
	f.Add(`{"framework":"kent","case":{"indicators":["ZQXMARK","zqx bad",""]},"zqx":1}`)           // unknown and malformed codes, an unknown key
	f.Add(`{"framework":"zqxmark","case":{}}`)                                                     // an unknown framework
	f.Add(`{"framework":"kent","to":"zqx","consent":"zqx","received":"zqx","case":{"ref":"zqx"}}`) // bad tokens and time
	f.Add(`{"framework":"england","to":"specialist","case":{},"received":"9999-12-31T23:00:00Z"}`) // a deadline past 9999
	f.Add(`{"framework":"kent","case":{"indicators":[` + strings.Repeat(`"",`, 300) + `""]}}`)     // many findings
	f.Add(`{"zqx":`)                                                                               // malformed JSON
	h, _ := newTestServer()
	f.Fuzz(func(t *testing.T, body string) {
		for _, path := range []string{"/v1/decisions", "/v1/referrals"} {
			rec := send(h, http.MethodPost, path, "application/json", body)
			if rec.Body.Len() > 256<<10 {
				t.Fatalf("%s: a %d-byte answer", path, rec.Body.Len())
			}
			if rec.Code == http.StatusOK {
				if !json.Valid(rec.Body.Bytes()) {
					t.Fatalf("%s: 200 with a body that is not JSON", path)
				}
				continue
			}
			var p problemBody
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != rec.Code || p.Code == "" ||
				rec.Header().Get("Content-Type") != "application/problem+json" {
				t.Fatalf("%s: %d is not a problem with a code: %s", path, rec.Code, rec.Body.String())
			}
			if len(p.Findings) > maxResponseFindings {
				t.Fatalf("%s: %d findings", path, len(p.Findings))
			}
			if strings.Contains(strings.ToLower(rec.Body.String()), "zqx") {
				t.Fatalf("%s: the answer repeats the caller's text: %s", path, rec.Body.String())
			}
		}
	})
}
