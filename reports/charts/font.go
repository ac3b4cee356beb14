package charts

import (
	"sync"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2/roboto"
)

// The parsed font is the one piece of package state: parsing Roboto costs
// milliseconds per chart, and go-chart's own lazy cache (GetDefaultFont)
// reads its global without the lock, a data race on the first concurrent
// renders. sync.OnceValues makes the cache safe and immutable once built.
var loadFont = sync.OnceValues(func() (*truetype.Font, error) {
	return truetype.Parse(roboto.Roboto)
})
