package scenario

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

var (
	actors  = []string{"a shopper", "a returning customer", "a guest buyer", "an ops agent", "a merchant", "a mobile user"}
	wants   = []string{"pay with a saved card", "apply a voucher code", "see delivery costs early", "split a payment", "retry a failed payment", "change the billing address", "get a clear error on decline", "review my order before paying"}
	reasons = []string{"so that I finish faster", "so that I trust the total", "so that I do not abandon", "so that support gets fewer tickets", "so that I can pay my way"}
	bugs    = []string{"Checkout total ignores voucher after address change", "Card form loses focus on iOS Safari", "Duplicate order on double click of Pay", "VAT rounding differs between cart and invoice", "3DS redirect fails for some issuers", "Shipping options flicker when postcode changes"}
	ideas   = []string{"Buy now, pay later for baskets over 200 EUR", "One-page checkout for returning customers", "Address autocomplete from postcode", "Express checkout with wallet buttons", "Reduce form fields for guest checkout", "Saved baskets across devices"}
	words   = strings.Fields("the checkout flow should keep the basket total stable while the customer edits the address and the payment step must show every fee before the final click so that nobody is surprised by shipping or tax and the confirmation page lists what was bought with a clear reference for support and the backend validates the voucher again before capture because the client value can be stale after a long session and we log the decision with the reason so analytics can follow the funnel and we handle timeouts from the payment provider with a retry that is safe to repeat")
	section = []string{"h3. Context\n", "h3. Acceptance criteria\n", "h3. Out of scope\n", "h3. Notes\n", "h3. Open points\n", "h3. Research notes\n"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// storySummary is 30-80 characters, like most real summaries.
func storySummary(r *rand.Rand) string {
	s := "As " + pick(r, actors) + " I can " + pick(r, wants)
	if len(s) < 50 && r.IntN(2) == 0 {
		s += " " + pick(r, reasons)
	}
	return fit(s, 30, 80)
}

func bugSummary(r *rand.Rand) string  { return fit(pick(r, bugs), 30, 80) }
func ideaSummary(r *rand.Rand) string { return fit(pick(r, ideas), 30, 80) }

func fit(s string, lo, hi int) string {
	for utf8.RuneCountInString(s) < lo {
		s += " (checkout)"
	}
	if len(s) > hi {
		s = strings.TrimSpace(s[:hi])
	}
	return s
}

// prose is wiki text of exactly n characters (ASCII), in sections and
// bullets, so that sizes measured from it are what the generator meant.
func prose(r *rand.Rand, n int) string {
	if n <= 0 {
		return ""
	}
	var sb strings.Builder
	sb.Grow(n + 64)
	for sb.Len() < n {
		if sb.Len() == 0 || r.IntN(6) == 0 {
			if sb.Len() > 0 {
				sb.WriteString("\n\n")
			}
			sb.WriteString(pick(r, section))
		}
		sb.WriteString("* ")
		k := 6 + r.IntN(14)
		start := r.IntN(len(words) - k)
		for i, w := range words[start : start+k] {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(w)
		}
		sb.WriteString(".\n")
	}
	return sb.String()[:n]
}
