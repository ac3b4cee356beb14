package calendar

import (
	"strings"
	"time"
	_ "time/tzdata" // feeds name zones the host may lack

	"github.com/emersion/go-ical"
)

// zones resolves the TZID names of one feed. A feed names few zones, so the
// answers are cached: time.LoadLocation reads the zone database each call.
type zones struct {
	vtz   map[string]*ical.Component // VTIMEZONE by TZID
	cache map[string]*time.Location
	// floating is the zone of times without TZID nor Z: X-WR-TIMEZONE, else UTC.
	floating *time.Location
}

func newZones(cal *ical.Calendar, p *problems) *zones {
	z := &zones{vtz: map[string]*ical.Component{}, cache: map[string]*time.Location{}, floating: time.UTC}
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			if id := c.Props.Get(ical.PropTimezoneID); id != nil {
				z.vtz[id.Value] = c
			}
		}
	}
	if x := cal.Props.Get("X-WR-TIMEZONE"); x != nil && strings.TrimSpace(x.Value) != "" {
		if loc := z.resolve(x.Value); loc != nil {
			z.floating = loc
		} else {
			p.add("unknown X-WR-TIMEZONE %q: floating times read as UTC", x.Value)
		}
	}
	return z
}

// resolve returns the zone a TZID means, or nil when nothing fits.
func (z *zones) resolve(tzid string) *time.Location {
	if loc, ok := z.cache[tzid]; ok {
		return loc
	}
	loc := z.lookup(tzid)
	z.cache[tzid] = loc
	return loc
}

func (z *zones) lookup(tzid string) *time.Location {
	name := strings.Trim(strings.TrimSpace(tzid), `"`)
	if loc := loadIANA(name); loc != nil {
		return loc
	}
	if iana, ok := windowsZones[name]; ok {
		return loadIANA(iana)
	}
	// Mozilla and others prefix the IANA name: "/mozilla.org/20050126_1/Europe/Berlin".
	if parts := strings.Split(name, "/"); len(parts) > 2 {
		for i := len(parts) - 2; i > 0; i-- {
			if loc := loadIANA(strings.Join(parts[i:], "/")); loc != nil {
				return loc
			}
		}
	}
	if c := z.vtz[tzid]; c != nil {
		if x := c.Props.Get("X-LIC-LOCATION"); x != nil {
			if loc := loadIANA(x.Value); loc != nil {
				return loc
			}
		}
		return fixedFromVTimezone(tzid, c)
	}
	return nil
}

func loadIANA(name string) *time.Location {
	if name == "" || name == "Local" || strings.ContainsAny(name, " \\") {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}

// fixedFromVTimezone is the last resort for a custom VTIMEZONE (Outlook's
// "Customized Time Zone"): its STANDARD offset, without daylight saving.
func fixedFromVTimezone(tzid string, c *ical.Component) *time.Location {
	for _, sub := range c.Children {
		if sub.Name != ical.CompTimezoneStandard {
			continue
		}
		if off := sub.Props.Get(ical.PropTimezoneOffsetTo); off != nil {
			if secs, ok := parseOffset(off.Value); ok {
				return time.FixedZone(tzid, secs)
			}
		}
	}
	return nil
}

// parseOffset reads a UTC-OFFSET value: +HHMM or +HHMMSS.
func parseOffset(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	n := 0
	for i, f := range []int{3600, 60, 1} {
		if 1+2*i >= len(s) {
			break
		}
		a, b := s[1+2*i], s[2+2*i]
		if a < '0' || a > '9' || b < '0' || b > '9' {
			return 0, false
		}
		n += int(a-'0')*10*f + int(b-'0')*f
	}
	if s[0] == '-' {
		n = -n
	}
	return n, true
}
