package coverage

import (
	"context"
	"math"
	"sort"
	"time"
)

// budgetCover is a budgeted maximum coverage instance: choose actions of
// total cost at most budget so that the weight of the gaps they close
// together is largest. lists[j] holds the gaps action j closes; an action
// closing gaps no other action closes is a plain knapsack item.
type budgetCover struct {
	w      []float64
	lists  [][]int32
	cost   []float64
	budget float64
}

// budgetSolution is the answer of solve.
type budgetSolution struct {
	Picks      []int
	Value      float64
	Cost       float64
	Greedy     float64
	UpperBound float64
	Optimal    bool
	Nodes      int
}

// solve finds the best set by depth-first branch and bound, started from the
// better of greedy (best marginal value per cost that fits) and the best
// single action. At each node the actions still allowed are sorted by
// marginal value per cost; branch i takes action i and leaves out those
// before it; a branch is cut when its bound cannot beat the best set known
// (or can only tie it at no lower cost). The bound is the fractional
// knapsack over the marginal values: valid because a set's value is at most
// the sum of its members' marginal values (coverage is submodular). When
// nodeLimit nodes are spent, the deadline passes or ctx ends, the answer is the best found and
// UpperBound the largest bound among the branches left unexplored.
func (bc *budgetCover) solve(ctx context.Context, nodeLimit int, deadline time.Time) budgetSolution {
	total := 0.0
	for _, w := range bc.w {
		total += w
	}
	b := &budgetBnB{bc: bc, ctx: ctx, limit: nodeLimit, deadline: deadline, cnt: make([]int32, len(bc.w)), eps: 1e-9 * math.Max(1, total)}
	g := bc.greedy(b.cnt)
	gv, gc := bc.value(g, b.cnt)
	b.best, b.bestCost, b.bestPicks = gv, gc, g
	for j := range bc.lists {
		if v, c := bc.value([]int{j}, b.cnt); c <= bc.budget && (v > b.best+b.eps || (v >= b.best-b.eps && c < b.bestCost)) {
			b.best, b.bestCost, b.bestPicks = v, c, []int{j}
		}
	}
	var all []int
	for j, d := range bc.dominated() {
		if !d {
			all = append(all, j)
		}
	}
	pending := b.node(0, 0, all)
	sol := budgetSolution{Picks: b.bestPicks, Value: b.best, Cost: b.bestCost, Greedy: gv, Nodes: b.nodes}
	sol.UpperBound = math.Max(b.best, pending)
	sol.Optimal = !b.aborted
	if sol.Optimal {
		sol.UpperBound = b.best
	}
	return sol
}

// gain is action j's marginal value over the closed gaps counted in cnt.
func (bc *budgetCover) gain(j int, cnt []int32) float64 {
	g := 0.0
	for _, k := range bc.lists[j] {
		if cnt[k] == 0 {
			g += bc.w[k]
		}
	}
	return g
}

func (bc *budgetCover) add(j int, cnt []int32, d int32) {
	for _, k := range bc.lists[j] {
		cnt[k] += d
	}
}

// value is what picks close together and cost; cnt is left as it was.
func (bc *budgetCover) value(picks []int, cnt []int32) (v, c float64) {
	for _, j := range picks {
		v += bc.gain(j, cnt)
		c += bc.cost[j]
		bc.add(j, cnt, 1)
	}
	for _, j := range picks {
		bc.add(j, cnt, -1)
	}
	return v, c
}

// better orders candidates by marginal value per cost (free ones first),
// then by value, then by index.
func better(a, b candGain, cost []float64) bool {
	ra, rb := ratio(a.g, cost[a.j]), ratio(b.g, cost[b.j])
	if ra != rb {
		return ra > rb
	}
	if a.g != b.g {
		return a.g > b.g
	}
	return a.j < b.j
}

func ratio(g, c float64) float64 {
	if c <= 0 {
		return math.Inf(1)
	}
	return g / c
}

// greedy adds, while any fits, the action of best marginal value per cost.
func (bc *budgetCover) greedy(cnt []int32) []int {
	var picks []int
	left := bc.budget
	used := make([]bool, len(bc.lists))
	for {
		best := candGain{j: -1}
		for j := range bc.lists {
			if used[j] || bc.cost[j] > left {
				continue
			}
			if g := bc.gain(j, cnt); g > 0 && (best.j < 0 || better(candGain{j, g}, best, bc.cost)) {
				best = candGain{j, g}
			}
		}
		if best.j < 0 {
			break
		}
		used[best.j] = true
		picks = append(picks, best.j)
		left -= bc.cost[best.j]
		bc.add(best.j, cnt, 1)
	}
	for _, j := range picks {
		bc.add(j, cnt, -1)
	}
	return picks
}

// order lists picks most marginal value first, each after those before it.
func (bc *budgetCover) order(picks []int) []int {
	cnt := make([]int32, len(bc.w))
	left := append([]int{}, picks...)
	var out []int
	for len(left) > 0 {
		bi := 0
		for i := range left {
			gi, gb := bc.gain(left[i], cnt), bc.gain(left[bi], cnt)
			if gi > gb || (gi == gb && left[i] < left[bi]) {
				bi = i
			}
		}
		out = append(out, left[bi])
		bc.add(left[bi], cnt, 1)
		left = append(left[:bi], left[bi+1:]...)
	}
	return out
}

// gapBound bounds what the actions gs (with their marginal gains) add
// within left: each open gap is priced at the best cost per value among the
// actions in gs that close it, and the gaps are packed fractionally, cheapest
// first. Valid because a set of actions costs at least the price of the gaps
// it closes: each action's cost spread over the gaps it newly closes is at
// least its own cost per value times their weight, and that is at least
// each gap's price.
func (b *budgetBnB) gapBound(gs []candGain, left float64) float64 {
	bc := b.bc
	if b.rho == nil {
		b.rho = make([]float64, len(bc.w))
		for k := range b.rho {
			b.rho[k] = math.Inf(1)
		}
	}
	touched := b.touched[:0]
	for _, x := range gs {
		r := bc.cost[x.j] / x.g
		for _, k := range bc.lists[x.j] {
			if b.cnt[k] != 0 {
				continue
			}
			if math.IsInf(b.rho[k], 1) {
				touched = append(touched, int(k))
			}
			b.rho[k] = math.Min(b.rho[k], r)
		}
	}
	b.raise(gs, touched)
	sort.Slice(touched, func(x, y int) bool { return b.rho[touched[x]] < b.rho[touched[y]] })
	v := 0.0
	for _, k := range touched {
		c := bc.w[k] * b.rho[k]
		switch {
		case left <= 0 && c > 0:
		case c <= left:
			v += bc.w[k]
			left -= c
		default:
			v += bc.w[k] * left / c
			left = 0
		}
		b.rho[k] = math.Inf(1)
	}
	b.touched = touched
	return v
}

// raise tightens the gap prices in b.rho: an action's prices may add up to
// its cost, so each gap, cheapest first, takes the slack its actions have
// left (the least of them). The bound stays valid: no action's gaps cost
// more than the action.
func (b *budgetBnB) raise(gs []candGain, touched []int) {
	bc := b.bc
	sort.Slice(touched, func(x, y int) bool { return b.rho[touched[x]] < b.rho[touched[y]] })
	if len(b.slack) < len(gs) {
		b.slack = make([]float64, len(gs))
	}
	// by[k] lists the positions in gs of the actions closing open gap k.
	if b.by == nil {
		b.by = make([][]int32, len(bc.w))
	}
	for i, x := range gs {
		sl := bc.cost[x.j]
		for _, k := range bc.lists[x.j] {
			if b.cnt[k] == 0 {
				sl -= bc.w[k] * b.rho[k]
				b.by[k] = append(b.by[k], int32(i))
			}
		}
		b.slack[i] = math.Max(0, sl)
	}
	for _, k := range touched {
		if w := bc.w[k]; w > 0 {
			d := math.Inf(1)
			for _, i := range b.by[k] {
				d = math.Min(d, b.slack[i])
			}
			if d > 0 && !math.IsInf(d, 1) {
				d *= 1 - 1e-12
				b.rho[k] += d / w
				for _, i := range b.by[k] {
					b.slack[i] -= d
				}
			}
		}
		b.by[k] = b.by[k][:0]
	}
}

type budgetBnB struct {
	slack     []float64 // per position in gs, inside raise
	by        [][]int32 // per gap, inside raise
	rho       []float64 // per gap, +Inf outside gapBound
	touched   []int
	bc        *budgetCover
	ctx       context.Context
	limit     int
	deadline  time.Time // zero: none
	cnt       []int32
	nodes     int
	aborted   bool
	eps       float64
	best      float64
	bestCost  float64
	bestPicks []int
	picks     []int
}

// cut reports whether a branch bounded by bound, having spent spent, cannot
// give a better set than the best known.
func (b *budgetBnB) cut(bound, spent float64) bool {
	return bound < b.best-b.eps || (bound <= b.best+b.eps && spent >= b.bestCost-b.eps)
}

// node explores the sets that add to b.picks (value cur, cost spent) some
// of allowed; it returns the bound of what it left unexplored when the
// search stopped early, else -Inf.
func (b *budgetBnB) node(cur, spent float64, allowed []int) float64 {
	bc := b.bc
	left := bc.budget - spent
	gs := make([]candGain, 0, len(allowed))
	for _, j := range allowed {
		if bc.cost[j] <= left+b.eps {
			if g := bc.gain(j, b.cnt); g > 0 {
				gs = append(gs, candGain{j, g})
			}
		}
	}
	sort.Slice(gs, func(x, y int) bool { return better(gs[x], gs[y], bc.cost) })
	// pc and pg are prefix sums of cost and gain over gs, for the
	// fractional bound of every suffix.
	pc, pg := make([]float64, len(gs)+1), make([]float64, len(gs)+1)
	for i, x := range gs {
		pc[i+1], pg[i+1] = pc[i]+bc.cost[x.j], pg[i]+x.g
	}
	bound := func(i int) float64 {
		k := sort.Search(len(gs)-i, func(n int) bool { return pc[i+n+1]-pc[i] > left }) + i
		v := pg[k] - pg[i]
		if k < len(gs) {
			v += gs[k].g * (left - (pc[k] - pc[i])) / bc.cost[gs[k].j]
		}
		return cur + v
	}
	b.nodes++
	if b.nodes > b.limit || (b.nodes%256 == 0 && (b.ctx.Err() != nil || (!b.deadline.IsZero() && time.Now().After(b.deadline)))) {
		b.aborted = true
		return math.Min(bound(0), cur+b.gapBound(gs, left))
	}
	if cur > b.best+b.eps || (cur >= b.best-b.eps && spent < b.bestCost-b.eps) {
		b.best, b.bestCost, b.bestPicks = cur, spent, append([]int{}, b.picks...)
	}
	if b.cut(cur+b.gapBound(gs, left), spent) {
		return math.Inf(-1)
	}
	next := make([]int, 0, len(gs))
	for i, x := range gs {
		if b.cut(bound(i), spent) {
			break
		}
		next = next[:0]
		for _, y := range gs[i+1:] {
			next = append(next, y.j)
		}
		b.picks = append(b.picks, x.j)
		bc.add(x.j, b.cnt, 1)
		pending := b.node(cur+x.g, spent+bc.cost[x.j], append([]int{}, next...))
		bc.add(x.j, b.cnt, -1)
		b.picks = b.picks[:len(b.picks)-1]
		if b.aborted {
			return math.Max(pending, math.Min(bound(i+1), cur+b.gapBound(gs[i+1:], left)))
		}
	}
	return math.Inf(-1)
}

// dominated marks the actions no best set needs: those closing a subset of
// what another action closes, at no lower cost (of two equal ones, the
// later). Swapping one for the other never loses value nor adds cost.
func (bc *budgetCover) dominated() []bool {
	by := make([][]int, len(bc.w))
	for j, l := range bc.lists {
		for _, k := range l {
			by[k] = append(by[k], j)
		}
	}
	out := make([]bool, len(bc.lists))
	mark := make([]int32, len(bc.w))
	for j, l := range bc.lists {
		if len(l) == 0 {
			out[j] = true
			continue
		}
		for _, k := range l {
			mark[k] = int32(j + 1)
		}
		for _, o := range by[l[0]] {
			if o == j || out[o] || bc.cost[o] > bc.cost[j] || len(bc.lists[o]) < len(l) {
				continue
			}
			if bc.cost[o] == bc.cost[j] && len(bc.lists[o]) == len(l) && o > j {
				continue
			}
			n := 0
			for _, k := range bc.lists[o] {
				if mark[k] == int32(j+1) {
					n++
				}
			}
			if n == len(l) {
				out[j] = true
				break
			}
		}
	}
	return out
}
