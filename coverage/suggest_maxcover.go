package coverage

import (
	"container/heap"
	"context"
	"math"
	"slices"
	"sort"
)

// maxCover is a maximal covering instance: choose k candidates so that the
// demand they cover together weighs most. lists[j] holds the demand points
// candidate j covers.
type maxCover struct {
	w     []float64
	lists [][]int32
	ops   int64 // list entries scanned so far, the heuristics' budget unit
}

// maxCoverSolution is the answer of solve.
type maxCoverSolution struct {
	Picks      []int     // chosen candidates, each with its marginal gain in Gains
	Gains      []float64 // in the order picked greedily from the answer
	Value      float64   // demand covered
	Greedy     float64   // what plain greedy covered
	UpperBound float64   // no k candidates cover more
	Optimal    bool      // Value equals UpperBound
	Exact      bool      // branch and bound ran to the end
	Nodes      int
}

// maxCoverOptions tune solve: ExactBudget bounds the branch and bound in
// demand entries scanned (0: none run); NoSwap skips the local search.
type maxCoverOptions struct {
	ExactBudget int64
	NoSwap      bool
	// SearchBudget bounds the restarts after the first local search, in
	// list entries scanned (0: 150 million, a few tenths of a second).
	SearchBudget int64
}

// solve runs lazy greedy, then swap local search (Teitz–Bart: exchange a
// chosen candidate for an unchosen one while that gains), then, within the
// budget, branch and bound that proves the answer optimal. The upper bound
// is the tightest of greedy's 1-(1-1/k)^k guarantee and, for the empty set,
// the greedy and the final answer S, f(S) plus the k largest marginal gains
// over S (valid because coverage is submodular).
func (mc *maxCover) solve(ctx context.Context, k int, opt maxCoverOptions) maxCoverSolution {
	var sol maxCoverSolution
	cnt := make([]int32, len(mc.w))
	total := 0.0
	for _, l := range mc.lists {
		for _, i := range l {
			if cnt[i] == 0 {
				total += mc.w[i]
			}
			cnt[i] = 1
		}
	}
	clear(cnt)
	if k <= 0 || total == 0 {
		sol.Optimal, sol.Exact = true, true
		return sol
	}
	ub := math.Min(total, mc.bound(cnt, nil, 0, k))
	picks := mc.greedy(k, cnt)
	sol.Greedy = mc.value(picks, cnt)
	ub = math.Min(ub, sol.Greedy/(1-math.Pow(1-1/float64(k), float64(k))))
	ub = math.Min(ub, mc.bound(cnt, picks, sol.Greedy, k))
	if len(picks) < k {
		ub = sol.Greedy // greedy stopped because nothing more can be covered
	}
	if !opt.NoSwap && len(picks) == k {
		if opt.SearchBudget == 0 {
			opt.SearchBudget = 150_000_000
		}
		picks = mc.swap(ctx, picks, cnt)
		budget := mc.ops + opt.SearchBudget
		picks = mc.restart(ctx, picks, cnt, k, budget)
		picks = mc.refill(ctx, picks, cnt, budget)
	}
	val := mc.value(picks, cnt)
	ub = math.Min(ub, mc.bound(cnt, picks, val, k))
	eps := 1e-9 * math.Max(1, total)
	if val+eps < ub && opt.ExactBudget > 0 {
		b := &maxCoverBnB{mc: mc, ctx: ctx, k: k, cnt: cnt, budget: opt.ExactBudget, best: val, bestPicks: picks, eps: eps}
		b.run()
		picks, val, sol.Nodes = b.bestPicks, b.best, b.nodes
		if !b.aborted {
			ub, sol.Exact = val, true
		}
	}
	sol.Value, sol.UpperBound = val, math.Max(ub, val)
	sol.Optimal = val+eps >= sol.UpperBound
	sol.Picks, sol.Gains = mc.order(picks, cnt)
	return sol
}

func (mc *maxCover) gain(j int, cnt []int32) float64 {
	mc.ops += int64(len(mc.lists[j]))
	g := 0.0
	for _, i := range mc.lists[j] {
		if cnt[i] == 0 {
			g += mc.w[i]
		}
	}
	return g
}

func (mc *maxCover) add(j int, cnt []int32, d int32) {
	for _, i := range mc.lists[j] {
		cnt[i] += d
	}
}

// value is the demand picks cover; cnt is left as it was (all zero).
func (mc *maxCover) value(picks []int, cnt []int32) float64 {
	v := 0.0
	for _, j := range picks {
		v += mc.gain(j, cnt)
		mc.add(j, cnt, 1)
	}
	for _, j := range picks {
		mc.add(j, cnt, -1)
	}
	return v
}

// bound is f(S) plus the k largest marginal gains over S of candidates not in S.
func (mc *maxCover) bound(cnt []int32, picks []int, f float64, k int) float64 {
	in := map[int]bool{}
	for _, j := range picks {
		mc.add(j, cnt, 1)
		in[j] = true
	}
	gains := make([]float64, 0, len(mc.lists))
	for j := range mc.lists {
		if !in[j] {
			gains = append(gains, mc.gain(j, cnt))
		}
	}
	for _, j := range picks {
		mc.add(j, cnt, -1)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(gains)))
	for _, g := range gains[:min(k, len(gains))] {
		f += g
	}
	return f
}

// order re-sorts picks greedily so each one's gain is its marginal gain
// after the ones before it, largest first; zero-gain picks are dropped.
func (mc *maxCover) order(picks []int, cnt []int32) ([]int, []float64) {
	left := append([]int{}, picks...)
	var out []int
	var gains []float64
	for len(left) > 0 {
		bi, bg := -1, 0.0
		for i, j := range left {
			if g := mc.gain(j, cnt); g > bg || (g == bg && bi >= 0 && j < left[bi]) {
				bi, bg = i, g
			}
		}
		if bi < 0 {
			break
		}
		out, gains = append(out, left[bi]), append(gains, bg)
		mc.add(left[bi], cnt, 1)
		left = append(left[:bi], left[bi+1:]...)
	}
	for _, j := range out {
		mc.add(j, cnt, -1)
	}
	return out, gains
}

// gainHeap orders candidates by a (possibly stale) gain, largest first, ties by index.
type gainHeap []struct {
	j int
	g float64
}

func (h gainHeap) Len() int { return len(h) }
func (h gainHeap) Less(a, b int) bool {
	return h[a].g > h[b].g || (h[a].g == h[b].g && h[a].j < h[b].j)
}
func (h gainHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *gainHeap) Push(x any) {
	*h = append(*h, x.(struct {
		j int
		g float64
	}))
}
func (h *gainHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// greedy is lazy greedy: gains only shrink as picks grow, so a candidate
// whose refreshed gain still tops the heap is the best one.
func (mc *maxCover) greedy(k int, cnt []int32) []int { return mc.greedyExcluding(k, cnt) }

// greedyExcluding is greedy over the candidates other than exclude,
// starting from the coverage in cnt, which it leaves as it found it.
func (mc *maxCover) greedyExcluding(k int, cnt []int32, exclude ...int) []int {
	h := make(gainHeap, 0, len(mc.lists))
	for j := range mc.lists {
		if slices.Contains(exclude, j) {
			continue
		}
		if g := mc.gain(j, cnt); g > 0 {
			h = append(h, struct {
				j int
				g float64
			}{j, g})
		}
	}
	heap.Init(&h)
	var picks []int
	for len(picks) < k && h.Len() > 0 {
		top := h[0]
		g := mc.gain(top.j, cnt)
		if g == top.g {
			heap.Pop(&h)
			picks = append(picks, top.j)
			mc.add(top.j, cnt, 1)
			continue
		}
		h[0].g = g
		if g <= 0 {
			heap.Pop(&h)
		} else {
			heap.Fix(&h, 0)
		}
	}
	for _, j := range picks {
		mc.add(j, cnt, -1)
	}
	return picks
}
